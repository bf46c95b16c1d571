// Core's own test constants; the wire fixtures shared with node and edge live in test-support.
export { type AnyError, apiError, job, rejection } from '@flare/test-support/wire';

export const BASE = 'https://api.test.flare';
export const KEY = 'zf_test_sk_secret_value_123';

import { describe, expect, it } from 'vitest';
import { wireError } from './wire-error.js';
import { NonRetryableError, RetryLaterError } from './worker-errors.js';

describe('wireError', () => {
  it('sends the error name as type and its message', () => {
    expect(wireError(new TypeError('x is undefined'))).toEqual({
      type: 'TypeError',
      message: 'x is undefined',
    });
    expect(wireError(new NonRetryableError('gone'))).toEqual({
      type: 'NonRetryableError',
      message: 'gone',
    });
    expect(wireError(new RetryLaterError('later', { delayMs: 5 })).type).toBe('RetryLaterError');
  });

  it('describes thrown non-errors and empty messages', () => {
    expect(wireError('plain string')).toEqual({ type: 'Error', message: 'plain string' });
    expect(wireError({ code: 7 })).toEqual({ type: 'Error', message: '{"code":7}' });
    expect(wireError(undefined)).toEqual({ type: 'Error', message: 'undefined' });
    expect(wireError(new RangeError(''))).toEqual({
      type: 'RangeError',
      message: 'RangeError (no message)',
    });
  });

  it('cuts to the contract limits without splitting a surrogate pair', () => {
    const e = new Error(`${'a'.repeat(4095)}😀tail`);
    e.name = 'N'.repeat(300);
    const wire = wireError(e);
    expect(wire.type).toHaveLength(128);
    expect(wire.message).toBe('a'.repeat(4095));
  });

  it('masks API keys', () => {
    const e = new Error('401 for zf_test_sk_abcdef and zf_live_sk_XYZ!');
    expect(wireError(e).message).toBe('401 for zf_test_sk_*** and zf_live_sk_***');
  });
});

describe('worker errors', () => {
  it('have stable names and cross-copy guards', () => {
    const e = new RetryLaterError('later', { delayMs: 60_000 });
    expect(e).toMatchObject({ name: 'RetryLaterError', delayMs: 60_000, message: 'later' });
    expect(RetryLaterError.isInstance(e)).toBe(true);
    expect(NonRetryableError.isInstance(e)).toBe(false);
    expect(NonRetryableError.isInstance(new NonRetryableError('x'))).toBe(true);
  });

  it('refuse a RetryLaterError delay outside the contract', () => {
    expect(() => new RetryLaterError('x', { delayMs: -1 })).toThrow(RangeError);
    expect(() => new RetryLaterError('x', { delayMs: 86_400_001 })).toThrow(/one day/);
    expect(() => new RetryLaterError('x', {} as { delayMs: number })).toThrow(/delayMs/);
  });
});

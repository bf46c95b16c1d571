// Type-level checks that every error class narrows to its own type. The assertions run under
// `tsc` (the package's typecheck task); the runtime half checks the guards agree with the types.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AuthError,
  type ConflictCode,
  ConflictError,
  ConnectionError,
  FlareError,
  NotFoundError,
  PermissionError,
  QuotaError,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ValidationError,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from '../src/index.js';

declare const err: unknown;
declare const flareErr: FlareError;

describe('error class types', () => {
  it('isInstance narrows to the class’s own type, with a literal name', () => {
    const typed = () => {
      if (ValidationError.isInstance(err)) {
        expectTypeOf(err).toEqualTypeOf<ValidationError>();
        expectTypeOf(err.name).toEqualTypeOf<'ValidationError'>();
      }
      if (AuthError.isInstance(err)) expectTypeOf(err.name).toEqualTypeOf<'AuthError'>();
      if (QuotaError.isInstance(err)) expectTypeOf(err.name).toEqualTypeOf<'QuotaError'>();
      if (PermissionError.isInstance(err)) {
        expectTypeOf(err.name).toEqualTypeOf<'PermissionError'>();
      }
      if (NotFoundError.isInstance(err)) expectTypeOf(err.name).toEqualTypeOf<'NotFoundError'>();
      if (ServerError.isInstance(err)) expectTypeOf(err.name).toEqualTypeOf<'ServerError'>();
      if (RateLimitError.isInstance(err)) {
        expectTypeOf(err.name).toEqualTypeOf<'RateLimitError'>();
        expectTypeOf(err.retryAfter).toEqualTypeOf<number | undefined>();
      }
      if (ResponseTooLargeError.isInstance(err)) {
        expectTypeOf(err.maxResponseBytes).toEqualTypeOf<number>();
      }
      if (WebhookVerificationError.isInstance(err)) {
        expectTypeOf(err.reason).toEqualTypeOf<WebhookVerificationReason>();
      }
      if (FlareError.isInstance(err)) expectTypeOf(err).toEqualTypeOf<FlareError>();
    };
    expect(typed).toBeTypeOf('function');
  });

  it('ConflictError.code is the documented union, so a typo does not compile', () => {
    const typed = () => {
      if (ConflictError.isInstance(err)) {
        expectTypeOf(err.code).toEqualTypeOf<ConflictCode>();
        expectTypeOf<ConflictCode>().toEqualTypeOf<
          'invalid_state' | 'idempotency_key_reused' | 'idempotency_in_progress' | 'lease_lost'
        >();
        if (err.code === 'lease_lost') expectTypeOf(err.code).toEqualTypeOf<'lease_lost'>();
        // @ts-expect-error: not a code a 409 carries
        if (err.code === 'lease_lsot') return;
      }
    };
    expect(typed).toBeTypeOf('function');
  });

  it('a failed check leaves the other classes possible (no narrowing to never)', () => {
    const typed = () => {
      if (AuthError.isInstance(flareErr)) return;
      expectTypeOf(flareErr).not.toBeNever();
      if (ValidationError.isInstance(flareErr)) {
        expectTypeOf(flareErr.name).toEqualTypeOf<'ValidationError'>();
      }
    };
    expect(typed).toBeTypeOf('function');
  });

  it('TimeoutError is a ConnectionError, and instanceof narrows like isInstance', () => {
    const typed = () => {
      if (TimeoutError.isInstance(err)) {
        expectTypeOf(err).toExtend<ConnectionError>();
        expectTypeOf(err.name).toEqualTypeOf<'TimeoutError'>();
      }
      if (ConnectionError.isInstance(err)) {
        expectTypeOf(err.name).toEqualTypeOf<'ConnectionError' | 'TimeoutError'>();
      }
      if (err instanceof ConflictError) expectTypeOf(err.code).toEqualTypeOf<ConflictCode>();
    };
    expect(typed).toBeTypeOf('function');
  });

  it('the runtime guards agree with the names the types promise', () => {
    const cases = [
      [new ValidationError('m'), 'ValidationError'],
      [new ConflictError('m', { code: 'lease_lost' }), 'ConflictError'],
      [new TimeoutError('m'), 'TimeoutError'],
      [new RateLimitError('m'), 'RateLimitError'],
    ] as const;
    for (const [error, name] of cases) {
      expect(error.name).toBe(name);
      expect(FlareError.isInstance(error)).toBe(true);
    }
    expect(ConnectionError.isInstance(new TimeoutError('m'))).toBe(true);
    expect(TimeoutError.isInstance(new ConnectionError('m'))).toBe(false);
    expect(ValidationError.isInstance(new AuthError('m'))).toBe(false);
  });
});

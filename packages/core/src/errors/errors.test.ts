import { describe, expect, it } from 'vitest';
import {
  AuthError,
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
} from '../index.js';
import { errorFromResponse } from './error-from-response.js';

const body = (type: string, code: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    error: { type, code, message: `${code} happened`, request_id: 'req_body', ...extra },
  });

describe('errorFromResponse', () => {
  it.each([
    [400, ValidationError],
    [422, ValidationError],
    [401, AuthError],
    [402, QuotaError],
    [403, PermissionError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [408, ServerError],
    [500, ServerError],
    [502, ServerError],
    [503, ServerError],
  ] as const)('maps %i to %s', (status, Ctor) => {
    const err = errorFromResponse(status, body('x', 'y'), new Headers(), { attempts: 2 });
    expect(Ctor.isInstance(err)).toBe(true);
    expect(err).toBeInstanceOf(Ctor);
    expect(err).toBeInstanceOf(FlareError);
    expect(err.name).toBe(Ctor.brand);
    expect(err.status).toBe(status);
    expect(err.attempts).toBe(2);
  });

  it('keeps type, code, param and prefers the X-Request-Id header over the body', () => {
    const err = errorFromResponse(
      400,
      body('invalid_request_error', 'parameter_invalid', { param: 'job_type' }),
      new Headers({ 'x-request-id': 'req_header' }),
      { idempotencyKey: 'k1' },
    );
    expect(err).toMatchObject({
      type: 'invalid_request_error',
      code: 'parameter_invalid',
      param: 'job_type',
      requestId: 'req_header',
      idempotencyKey: 'k1',
    });
    expect(err.message).toContain('parameter_invalid happened');
    expect(err.message).toContain('req_header');
  });

  it('falls back to the body request_id when the header is absent', () => {
    expect(errorFromResponse(409, body('conflict', 'invalid_state'), new Headers()).requestId).toBe(
      'req_body',
    );
  });

  it('maps a non-JSON body (proxy HTML page) by status', () => {
    const err = errorFromResponse(502, '<html><h1>Bad Gateway</h1></html>', new Headers());
    expect(ServerError.isInstance(err)).toBe(true);
    expect(err.isRetryable).toBe(true);
    expect(err.message).toContain('non-JSON');
    expect(errorFromResponse(401, '', new Headers()).name).toBe('AuthError');
  });

  it('reads rate-limit details', () => {
    const err = errorFromResponse(
      429,
      body('rate_limited', 'rate_limited'),
      new Headers({
        'retry-after': '12',
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '0',
      }),
    ) as RateLimitError;
    expect(err).toMatchObject({ retryAfter: 12, limit: 100, remaining: 0, isRetryable: true });
  });

  it('marks only 408/429/5xx and no-response errors retryable', () => {
    expect(new ValidationError('x').isRetryable).toBe(false);
    expect(new ConflictError('x').isRetryable).toBe(false);
    expect(new ConflictError('x', { code: 'invalid_state' }).isRetryable).toBe(false);
    expect(new ConflictError('x', { code: 'idempotency_key_reused' }).isRetryable).toBe(false);
    expect(new ConflictError('x', { code: 'idempotency_in_progress' }).isRetryable).toBe(true);
    expect(new ConnectionError('x').isRetryable).toBe(true);
    expect(new TimeoutError('x').isRetryable).toBe(true);
    expect(new ResponseTooLargeError(10).isRetryable).toBe(false);
    expect(new WebhookVerificationError('missing_header', 'x').isRetryable).toBe(false);
  });
});

describe('brand checks', () => {
  it('recognise errors from another copy of the package (same brand, different class)', () => {
    // Simulate a second copy: structurally separate classes carrying the same brands.
    class OtherFlareError extends Error {
      static brand = 'FlareError';
    }
    class OtherRateLimitError extends OtherFlareError {
      static override brand = 'RateLimitError';
    }
    const foreign = new OtherRateLimitError('from another copy');
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof FlareError).toBe(true);
    expect(ServerError.isInstance(foreign)).toBe(false);
  });

  it('answer false for anything that is not an error of that class, without throwing', () => {
    for (const value of [
      null,
      undefined,
      0,
      'FlareError',
      Object.create(null),
      new Error('x'),
      {},
    ]) {
      expect(FlareError.isInstance(value)).toBe(false);
      expect(value instanceof ValidationError).toBe(false);
    }
  });

  it('need no `this`: isInstance can be passed around as a plain function', () => {
    const errors = [new RateLimitError('a'), new ServerError('b'), new Error('c'), null];
    expect(errors.filter(RateLimitError.isInstance)).toEqual([errors[0]]);
    expect(errors.filter(FlareError.isInstance)).toEqual(errors.slice(0, 2));
    expect(new ConflictError('x')).toSatisfy(ConflictError.isInstance);
    expect(new TimeoutError('t')).toSatisfy(ConnectionError.isInstance);
    expect(new ConnectionError('c')).not.toSatisfy(TimeoutError.isInstance);
  });

  it('treat TimeoutError as a ConnectionError but not the reverse', () => {
    expect(ConnectionError.isInstance(new TimeoutError('t'))).toBe(true);
    expect(TimeoutError.isInstance(new ConnectionError('c'))).toBe(false);
    expect(FlareError.isInstance(new Error('plain'))).toBe(false);
    expect(FlareError.isInstance(null)).toBe(false);
  });

  it('serialise to JSON without headers or causes', () => {
    const json = JSON.parse(JSON.stringify(new AuthError('nope', { status: 401, requestId: 'r' })));
    expect(json).toEqual({ name: 'AuthError', message: 'nope', status: 401, requestId: 'r' });
  });
});

import { errorClass, FlareError, type FlareErrorClass } from './flare-error.js';

/**
 * No response arrived: DNS, refused or reset connection, TLS failure. Retried automatically;
 * the original error is in `cause`.
 * @example
 * ```ts
 * if (ConnectionError.isInstance(err)) console.error('Flare unreachable', err.cause);
 * ```
 */
export const ConnectionError: FlareErrorClass<ConnectionError> = /* @__PURE__ */ errorClass(
  FlareError,
  'ConnectionError',
  true,
);
export interface ConnectionError extends FlareError {
  /** `TimeoutError` for the kind of connection error that is a timeout. */
  readonly name: 'ConnectionError' | 'TimeoutError';
}

/**
 * An attempt took longer than `timeoutMs`. A kind of `ConnectionError`; retried automatically.
 * @example
 * ```ts
 * const flare = new FlareClient({ timeoutMs: 5_000 });
 * ```
 */
export const TimeoutError: FlareErrorClass<TimeoutError> = /* @__PURE__ */ errorClass(
  ConnectionError as typeof FlareError,
  'TimeoutError',
);
export interface TimeoutError extends ConnectionError {
  readonly name: 'TimeoutError';
}

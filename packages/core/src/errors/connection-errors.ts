import { errorClass, FlareError } from './flare-error.js';

/**
 * No response arrived: DNS, refused or reset connection, TLS failure. Retried automatically;
 * the original error is in `cause`.
 * @example
 * ```ts
 * if (ConnectionError.isInstance(err)) console.error('Flare unreachable', err.cause);
 * ```
 */
export const ConnectionError = /* @__PURE__ */ errorClass(FlareError, 'ConnectionError', true);
export type ConnectionError = FlareError;

/**
 * An attempt took longer than `timeoutMs`. A kind of `ConnectionError`; retried automatically.
 * @example
 * ```ts
 * const flare = new FlareClient({ timeoutMs: 5_000 });
 * ```
 */
export const TimeoutError = /* @__PURE__ */ errorClass(ConnectionError, 'TimeoutError');
export type TimeoutError = ConnectionError;

import { errorClass, FlareError, type FlareErrorClass } from './flare-error.js';

/**
 * 400 / 422 `invalid_request_error`: a parameter is missing or invalid; `param` names it.
 * @example
 * ```ts
 * if (ValidationError.isInstance(err)) console.error(`fix ${err.param}: ${err.message}`);
 * ```
 */
export const ValidationError: FlareErrorClass<ValidationError> = /* @__PURE__ */ errorClass(
  FlareError,
  'ValidationError',
);
export interface ValidationError extends FlareError {
  readonly name: 'ValidationError';
}

/**
 * 401 `authentication_error`: the API key is missing, invalid or revoked.
 * @example
 * ```ts
 * if (AuthError.isInstance(err)) console.error('check FLARE_API_KEY');
 * ```
 */
export const AuthError: FlareErrorClass<AuthError> = /* @__PURE__ */ errorClass(
  FlareError,
  'AuthError',
);
export interface AuthError extends FlareError {
  readonly name: 'AuthError';
}

/**
 * 402 `quota_exceeded`: the project's daily quota is spent.
 * @example
 * ```ts
 * if (QuotaError.isInstance(err)) alertBilling(err.requestId);
 * ```
 */
export const QuotaError: FlareErrorClass<QuotaError> = /* @__PURE__ */ errorClass(
  FlareError,
  'QuotaError',
);
export interface QuotaError extends FlareError {
  readonly name: 'QuotaError';
}

/**
 * 403 `permission_error`: the key is valid but may not do this.
 * @example
 * ```ts
 * if (PermissionError.isInstance(err)) console.error('use a key with write access');
 * ```
 */
export const PermissionError: FlareErrorClass<PermissionError> = /* @__PURE__ */ errorClass(
  FlareError,
  'PermissionError',
);
export interface PermissionError extends FlareError {
  readonly name: 'PermissionError';
}

/**
 * 404 `not_found`. `getJob` resolves `null` instead of throwing this.
 * @example
 * ```ts
 * if (NotFoundError.isInstance(err)) return res.status(404).end();
 * ```
 */
export const NotFoundError: FlareErrorClass<NotFoundError> = /* @__PURE__ */ errorClass(
  FlareError,
  'NotFoundError',
);
export interface NotFoundError extends FlareError {
  readonly name: 'NotFoundError';
}

/**
 * 409 `conflict`; `code` is `invalid_state`, `idempotency_key_reused`,
 * `idempotency_in_progress` or `lease_lost`.
 * @example
 * ```ts
 * if (ConflictError.isInstance(err) && err.code === 'invalid_state') return; // already finished
 * ```
 */
export const ConflictError: FlareErrorClass<ConflictError> = /* @__PURE__ */ errorClass(
  FlareError,
  'ConflictError',
);
export interface ConflictError extends FlareError {
  readonly name: 'ConflictError';
  /** Which conflict: branch on it, e.g. a worker stops work on `lease_lost`. */
  readonly code: ConflictCode;
}

/**
 * The `code` of a 409: `invalid_state` (the job or schedule is in a state that forbids the
 * call), `idempotency_key_reused` (same key, different body), `idempotency_in_progress` (the
 * first request with the key is still running) or `lease_lost` (a worker's lease expired, was
 * revoked by a cancel, or was replaced).
 */
export type ConflictCode =
  | 'invalid_state'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'lease_lost';

/**
 * 408 or 5xx `api_error`: Flare (or a proxy in front of it) failed. Retried automatically.
 * @example
 * ```ts
 * if (ServerError.isInstance(err)) console.error(`Flare ${err.status}, request ${err.requestId}`);
 * ```
 */
export const ServerError: FlareErrorClass<ServerError> = /* @__PURE__ */ errorClass(
  FlareError,
  'ServerError',
  true,
);
export interface ServerError extends FlareError {
  readonly name: 'ServerError';
}

import { errorClass, FlareError } from './flare-error.js';

/**
 * 400 / 422 `invalid_request_error`: a parameter is missing or invalid; `param` names it.
 * @example
 * ```ts
 * if (ValidationError.isInstance(err)) console.error(`fix ${err.param}: ${err.message}`);
 * ```
 */
export const ValidationError = /* @__PURE__ */ errorClass(FlareError, 'ValidationError');
export type ValidationError = FlareError;

/**
 * 401 `authentication_error`: the API key is missing, invalid or revoked.
 * @example
 * ```ts
 * if (AuthError.isInstance(err)) console.error('check FLARE_API_KEY');
 * ```
 */
export const AuthError = /* @__PURE__ */ errorClass(FlareError, 'AuthError');
export type AuthError = FlareError;

/**
 * 402 `quota_exceeded`: the project's daily quota is spent.
 * @example
 * ```ts
 * if (QuotaError.isInstance(err)) alertBilling(err.requestId);
 * ```
 */
export const QuotaError = /* @__PURE__ */ errorClass(FlareError, 'QuotaError');
export type QuotaError = FlareError;

/**
 * 403 `permission_error`: the key is valid but may not do this.
 * @example
 * ```ts
 * if (PermissionError.isInstance(err)) console.error('use a key with write access');
 * ```
 */
export const PermissionError = /* @__PURE__ */ errorClass(FlareError, 'PermissionError');
export type PermissionError = FlareError;

/**
 * 404 `not_found`. `getJob` resolves `null` instead of throwing this.
 * @example
 * ```ts
 * if (NotFoundError.isInstance(err)) return res.status(404).end();
 * ```
 */
export const NotFoundError = /* @__PURE__ */ errorClass(FlareError, 'NotFoundError');
export type NotFoundError = FlareError;

/**
 * 409 `conflict`; `code` is `invalid_state`, `idempotency_key_reused`,
 * `idempotency_in_progress` or `lease_lost`.
 * @example
 * ```ts
 * if (ConflictError.isInstance(err) && err.code === 'invalid_state') return; // already finished
 * ```
 */
export const ConflictError = /* @__PURE__ */ errorClass(FlareError, 'ConflictError');
export type ConflictError = FlareError;

/**
 * 408 or 5xx `api_error`: Flare (or a proxy in front of it) failed. Retried automatically.
 * @example
 * ```ts
 * if (ServerError.isInstance(err)) console.error(`Flare ${err.status}, request ${err.requestId}`);
 * ```
 */
export const ServerError = /* @__PURE__ */ errorClass(FlareError, 'ServerError', true);
export type ServerError = FlareError;

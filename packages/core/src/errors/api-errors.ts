import { FlareError } from './flare-error.js';

/**
 * 400 / 422 `invalid_request_error`: a parameter is missing or invalid; `param` names it.
 * @example
 * ```ts
 * if (ValidationError.isInstance(err)) console.error(`fix ${err.param}: ${err.message}`);
 * ```
 */
export class ValidationError extends FlareError {
  static override readonly brand: string = 'ValidationError';
  override readonly name: string = 'ValidationError';
  protected override kind(): readonly string[] {
    return [...super.kind(), 'ValidationError'];
  }
}

/**
 * 401 `authentication_error`: the API key is missing, invalid or revoked.
 * @example
 * ```ts
 * if (AuthError.isInstance(err)) console.error('check FLARE_API_KEY');
 * ```
 */
export class AuthError extends FlareError {
  static override readonly brand: string = 'AuthError';
  override readonly name: string = 'AuthError';
  protected override kind(): readonly string[] {
    return [...super.kind(), 'AuthError'];
  }
}

/**
 * 402 `quota_exceeded`: the project's daily quota is spent.
 * @example
 * ```ts
 * if (QuotaError.isInstance(err)) alertBilling(err.requestId);
 * ```
 */
export class QuotaError extends FlareError {
  static override readonly brand: string = 'QuotaError';
  override readonly name: string = 'QuotaError';
  protected override kind(): readonly string[] {
    return [...super.kind(), 'QuotaError'];
  }
}

/**
 * 403 `permission_error`: the key is valid but may not do this.
 * @example
 * ```ts
 * if (PermissionError.isInstance(err)) console.error('use a key with write access');
 * ```
 */
export class PermissionError extends FlareError {
  static override readonly brand: string = 'PermissionError';
  override readonly name: string = 'PermissionError';
  protected override kind(): readonly string[] {
    return [...super.kind(), 'PermissionError'];
  }
}

/**
 * 404 `not_found`. `getJob` resolves `null` instead of throwing this.
 * @example
 * ```ts
 * if (NotFoundError.isInstance(err)) return res.status(404).end();
 * ```
 */
export class NotFoundError extends FlareError {
  static override readonly brand: string = 'NotFoundError';
  override readonly name: string = 'NotFoundError';
  protected override kind(): readonly string[] {
    return [...super.kind(), 'NotFoundError'];
  }
}

/**
 * 409 `conflict`; `code` is `invalid_state`, `idempotency_key_reused`,
 * `idempotency_in_progress` or `lease_lost`.
 * @example
 * ```ts
 * if (ConflictError.isInstance(err) && err.code === 'invalid_state') return; // already finished
 * ```
 */
export class ConflictError extends FlareError {
  static override readonly brand: string = 'ConflictError';
  override readonly name: string = 'ConflictError';
  protected override kind(): readonly string[] {
    return [...super.kind(), 'ConflictError'];
  }
}

/**
 * 408 or 5xx `api_error`: Flare (or a proxy in front of it) failed. Retried automatically.
 * @example
 * ```ts
 * if (ServerError.isInstance(err)) console.error(`Flare ${err.status}, request ${err.requestId}`);
 * ```
 */
export class ServerError extends FlareError {
  static override readonly brand: string = 'ServerError';
  override readonly name: string = 'ServerError';
  override get isRetryable(): boolean {
    return true;
  }
  protected override kind(): readonly string[] {
    return [...super.kind(), 'ServerError'];
  }
}

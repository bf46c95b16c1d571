import { FlareError } from './flare-error.js';

/**
 * No response arrived: DNS, refused or reset connection, TLS failure. Retried automatically;
 * the original error is in `cause`.
 * @example
 * ```ts
 * if (ConnectionError.isInstance(err)) console.error('Flare unreachable', err.cause);
 * ```
 */
export class ConnectionError extends FlareError {
  static override readonly brand: string = 'ConnectionError';
  override readonly name: string = 'ConnectionError';
  override get isRetryable(): boolean {
    return true;
  }
  protected override kind(): readonly string[] {
    return [...super.kind(), 'ConnectionError'];
  }
}

/**
 * An attempt took longer than `timeoutMs`. A kind of `ConnectionError`; retried automatically.
 * @example
 * ```ts
 * const flare = new FlareClient({ timeoutMs: 5_000 });
 * ```
 */
export class TimeoutError extends ConnectionError {
  static override readonly brand: string = 'TimeoutError';
  override readonly name: string = 'TimeoutError';
  protected override kind(): readonly string[] {
    return [...super.kind(), 'TimeoutError'];
  }
}

import { FlareError, type FlareErrorInit } from './flare-error.js';

export interface RateLimitErrorInit extends FlareErrorInit {
  retryAfter?: number | undefined;
  limit?: number | undefined;
  remaining?: number | undefined;
}

/**
 * 429 `rate_limited`. Retried automatically; thrown once retries are spent.
 * @example
 * ```ts
 * if (RateLimitError.isInstance(err)) console.log(`retry in ${err.retryAfter}s`);
 * ```
 */
export class RateLimitError extends FlareError {
  static override readonly brand: string = 'RateLimitError';
  /** Seconds to wait, from `Retry-After` / `retry-after-ms`, when the server sent one. */
  readonly retryAfter: number | undefined;
  /** `X-RateLimit-Limit`: requests allowed per window. */
  readonly limit: number | undefined;
  /** `X-RateLimit-Remaining`: requests left in the window. */
  readonly remaining: number | undefined;

  constructor(message: string, init: RateLimitErrorInit = {}) {
    super(message, init);
    this.retryAfter = init.retryAfter;
    this.limit = init.limit;
    this.remaining = init.remaining;
  }
  override get isRetryable(): boolean {
    return true;
  }
  override toJSON(): Record<string, unknown> {
    const { retryAfter, limit, remaining } = this;
    return { ...super.toJSON(), retryAfter, limit, remaining };
  }
}

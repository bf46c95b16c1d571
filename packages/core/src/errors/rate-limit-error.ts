import { errorClass, FlareError, type FlareErrorInit } from './flare-error.js';

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
export class RateLimitError extends /* @__PURE__ */ errorClass(FlareError, 'RateLimitError', true) {
  declare readonly name: 'RateLimitError';
  /** Seconds to wait, from `Retry-After` / `retry-after-ms`, when the server sent one. */
  declare readonly retryAfter: number | undefined;
  /** `X-RateLimit-Limit`: requests allowed per window. */
  declare readonly limit: number | undefined;
  /** `X-RateLimit-Remaining`: requests left in the window. */
  declare readonly remaining: number | undefined;

  // Declares the wider init; the base copies every init field, these three included.
  constructor(message: string, init?: RateLimitErrorInit) {
    super(message, init);
  }
}

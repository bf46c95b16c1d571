import { ApiFailure } from './api-failure.js';

/**
 * Rate-limit settings: `limit` requests per `windowSec`. Every response carries the
 * `X-RateLimit-*` headers; only an `enforce`d limit answers 429.
 * @example
 * ```ts
 * new FakeFlare({ rateLimit: { limit: 5, windowSec: 1, enforce: true } });
 * ```
 */
export interface RateLimitOptions {
  /** Requests per window. Default 1000. */
  limit?: number | undefined;
  /** Window length in seconds (fixed windows on the fake clock). Default 60. */
  windowSec?: number | undefined;
  /** Answer 429 `rate_limited` with `Retry-After` once the window's requests are spent. Default false. */
  enforce?: boolean | undefined;
}

/** Fixed-window request counters per API key (or per client, for requests without a valid key). */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #enforce: boolean;
  #window = -1;
  readonly #used = new Map<string, number>();

  constructor(options: RateLimitOptions = {}) {
    this.#limit = options.limit ?? 1000;
    this.#windowMs = (options.windowSec ?? 60) * 1000;
    this.#enforce = options.enforce ?? false;
  }

  /** Counts one request of `subject`; returns its headers, or throws the 429. */
  take(subject: string, now: number): Record<string, string> {
    const window = Math.floor(now / this.#windowMs);
    if (window !== this.#window) {
      this.#window = window;
      this.#used.clear();
    }
    const used = (this.#used.get(subject) ?? 0) + 1;
    this.#used.set(subject, used);
    const resetMs = (window + 1) * this.#windowMs;
    const headers = {
      'x-ratelimit-limit': String(this.#limit),
      'x-ratelimit-remaining': String(Math.max(0, this.#limit - used)),
      'x-ratelimit-reset': String(Math.ceil(resetMs / 1000)),
    };
    if (this.#enforce && used > this.#limit) {
      const wait = Math.max(1, Math.ceil((resetMs - now) / 1000));
      throw new ApiFailure(
        429,
        'rate_limited',
        `Too many requests; retry after ${wait} second${wait === 1 ? '' : 's'}.`,
        undefined,
        { ...headers, 'retry-after': String(wait) },
      );
    }
    return headers;
  }

  /** The current headers of `subject` without counting a request. */
  peek(subject: string, now: number): Record<string, string> {
    const window = Math.floor(now / this.#windowMs);
    const used = window === this.#window ? (this.#used.get(subject) ?? 0) : 0;
    return {
      'x-ratelimit-limit': String(this.#limit),
      'x-ratelimit-remaining': String(Math.max(0, this.#limit - used)),
      'x-ratelimit-reset': String(Math.ceil(((window + 1) * this.#windowMs) / 1000)),
    };
  }

  clear(): void {
    this.#used.clear();
  }
}

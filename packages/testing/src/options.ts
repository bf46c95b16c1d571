import type { FakeClockOptions } from './clock.js';
import type { RateLimitOptions } from './engine/rate-limit.js';
import type { FakeResponse } from './engine/types.js';
import type { RecordedWebhook, WebhookOptions } from './engine/webhooks/webhook-outbox.js';
import type { RecordedRequest } from './recorded-request.js';

/**
 * The API key the fake accepts when none is configured.
 * @example
 * ```ts
 * const flare = new FlareClient({ apiKey: DEFAULT_API_KEY, baseUrl: server.url });
 * ```
 */
export const DEFAULT_API_KEY = 'zf_test_sk_fake';

/**
 * Options of `new FakeFlare(options)`; every field is optional.
 * @example
 * ```ts
 * const fake = new FakeFlare({
 *   apiKeys: ['zf_test_sk_app'],
 *   clock: { start: '2026-01-01T09:00:00Z' },
 *   webhooks: { url: 'http://127.0.0.1:3000/webhooks/flare', secret: 'whsec_test' },
 *   rateLimit: { limit: 100, windowSec: 1, enforce: true },
 *   quota: { jobsPerDay: 1000 },
 * });
 * ```
 */
export interface FakeFlareOptions {
  /** Keys accepted as `Authorization: Bearer <key>`. Default `['zf_test_sk_fake']`. */
  apiKeys?: readonly string[] | undefined;
  /** The fake clock's start and mode. Default: follows the system clock. */
  clock?: FakeClockOptions | undefined;
  /** Webhook signing and delivery. Default: events are signed with `whsec_fake_secret` and collected. */
  webhooks?: WebhookOptions | undefined;
  /** The `X-RateLimit-*` figures, and whether to enforce them with 429s. */
  rateLimit?: RateLimitOptions | undefined;
  /** A daily quota of job creations; past it `createJob` answers 402 `quota_exceeded`. */
  quota?: { jobsPerDay?: number | undefined } | undefined;
  /** The server's retry backoff after `attempts` failed attempts, in ms. Default 10 s · 2^(attempts−1), ≤ 1 h. */
  retryBackoffMs?: ((attempts: number) => number) | undefined;
  /** Requests kept in `fake.requests` (the oldest tenth is dropped when full). Default 10 000; 0 keeps none. */
  maxRecordedRequests?: number | undefined;
  /** Called when a webhook event is emitted (before any delivery), e.g. to collect or check it. */
  onWebhook?: ((webhook: RecordedWebhook) => void) | undefined;
  /** Called after every exchange (e.g. to log, or to validate against the OpenAPI document). */
  onExchange?: ((request: RecordedRequest, response: FakeResponse) => void) | undefined;
}

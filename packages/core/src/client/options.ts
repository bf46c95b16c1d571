import type { Fetch, Transport } from '../http/transport.js';
import type { FlareHooks } from '../types/observability.js';

/**
 * Options of `new FlareClient(options)`. Every field is optional.
 * @example
 * ```ts
 * const flare = new FlareClient({ apiKey: 'zf_test_sk_…', maxRetries: 5, timeoutMs: 10_000 });
 * ```
 */
export interface FlareClientOptions {
  /** Your API key (`zf_live_sk_…` / `zf_test_sk_…`). Default: the `FLARE_API_KEY` environment variable, where the runtime has one. */
  apiKey?: string | undefined;
  /** Default `https://api.zeridion.com`; override for staging or a local fake. */
  baseUrl?: string | undefined;
  /** Retries on 408, 429, 5xx and network errors. Default 3; 0 disables. */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff, in ms. Default 500. */
  retryBaseDelayMs?: number | undefined;
  /** Cap on one backoff wait, `Retry-After` included, in ms. Default 30 000. */
  retryMaxDelayMs?: number | undefined;
  /** Hard cap on a response body, in bytes. Default 10 MiB; 0 disables. */
  maxResponseBytes?: number | undefined;
  /** Budget of one attempt (connect, send, read), in ms. Default 60 000. */
  timeoutMs?: number | undefined;
  /**
   * Headers sent with every request, for a proxy or gateway (`{ 'x-gateway-key': '…' }`). A call's
   * `headers` win over these. The SDK's own (`authorization`, `content-type`, `idempotency-key`,
   * `user-agent`, `x-request-id`, `x-flare-client`, `x-flare-retry-count`, `host`,
   * `content-length`) are refused with a `ValidationError`.
   */
  defaultHeaders?: Record<string, string> | undefined;
  /** A `fetch` to send requests with, instead of the package's default transport. */
  fetch?: Fetch | undefined;
  /** Advanced: a custom transport (takes precedence over `fetch`). */
  transport?: Transport | undefined;
  /**
   * In a browser, `FlareClient` refuses to start: your secret API key would ship to every
   * visitor of the page. Set `true` only when the page is private to people who may hold the key
   * (an internal tool). Ignored outside browsers.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * Request lifecycle hooks (`onRequest`, `onResponse`, `onRetry`, `onError`), e.g. for
   * OpenTelemetry spans or metrics. For log lines, `logHooks({ logger, logLevel })` makes a set
   * (`@flare/node`'s client takes `logger` and `logLevel` directly, and reads `FLARE_LOG`).
   */
  hooks?: FlareHooks | undefined;
}

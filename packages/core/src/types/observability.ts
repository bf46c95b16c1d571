/**
 * How much the client logs: `debug` (every attempt), `info` (retries too), `warn` (the default:
 * failures worth a look), `error`, or `off`. Also read from the `FLARE_LOG` environment variable.
 */
export type FlareLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/**
 * Where log lines go: `console` (the default) fits, and so do pino, winston and most loggers.
 * Each line is a short message and the `FlareEvent` it describes; neither ever holds the API key,
 * the `Authorization` header or a webhook secret.
 * @example
 * ```ts
 * const flare = new FlareClient({ logger: pino(), logLevel: 'info' });
 * ```
 */
export interface FlareLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/**
 * One step of one API call, as hooks and log lines see it (docs/decisions/0011-observability.md):
 * `request` (an attempt is sent), `response` (its answer was read, any status), `retry` (a wait
 * before the next attempt was scheduled) and `error` (the call failed for good). A call refused
 * before sending (a bad option) or aborted before its first attempt has no events.
 * @example
 * ```ts
 * const hooks: FlareHooks = { onResponse: (e) => histogram.record(e.durationMs, { status: e.status }) };
 * ```
 */
export interface FlareEvent {
  type: 'request' | 'response' | 'retry' | 'error';
  method: 'GET' | 'POST' | 'DELETE';
  /** The API path, query included (`/v1/jobs?state=failed`); never the origin or a credential. */
  path: string;
  /** 1 for the first try. */
  attempt: number;
  /** The server's `X-Request-Id` once an answer arrived, else the id the caller sent, if any. */
  requestId: string | undefined;
  /** The `Idempotency-Key` of a POST. */
  idempotencyKey: string | undefined;
  /** HTTP status (`response`; `retry` and `error` when an answer arrived). */
  status?: number | undefined;
  /** Time since this attempt was sent, in ms (0 on `request`). */
  durationMs: number;
  /** The wait before the next attempt, in ms (`retry`). */
  retryInMs?: number | undefined;
  /** Why (`retry`: what is retried; `error`: what the call rejects with). */
  error?: unknown;
}

/**
 * Request lifecycle hooks: enough to emit OpenTelemetry spans or metrics. Each is called
 * synchronously; one that throws is reported on `console.error` and never breaks the call. A hook
 * that is not a function is a `ValidationError` when the client is built.
 * @example
 * ```ts
 * new FlareClient({ hooks: { onRetry: (e) => metrics.increment('flare.retries', { path: e.path }) } });
 * ```
 */
export interface FlareHooks {
  onRequest?(event: FlareEvent): void;
  onResponse?(event: FlareEvent): void;
  onRetry?(event: FlareEvent): void;
  onError?(event: FlareEvent): void;
}

import { fail } from '../errors/invalid.js';
import { readEnv } from '../internal/env.js';
import { isObject } from '../internal/is-object.js';
import type { FlareEvent, FlareHooks, FlareLogger, FlareLogLevel } from '../types/observability.js';

/** Options of `logHooks`, and of `@flare/node`'s client. */
export interface LogOptions {
  /** Where lines go; any object with `debug`, `info`, `warn` and `error`. Default `console`. */
  logger?: FlareLogger | undefined;
  /**
   * `debug`: every attempt (method, path, status, duration, request id); `info`: retries too
   * (attempt, wait, reason); `warn`: calls that gave up on a network or server failure; `error`;
   * `off`. Default: the `FLARE_LOG` environment variable where there is one, else `warn`.
   */
  logLevel?: FlareLogLevel | undefined;
}

const LEVELS = ['debug', 'info', 'warn', 'error', 'off'] as const;

/** Anything shaped like a Flare API key or webhook secret, wherever a message quotes one. */
const SECRET = /\b(?:zf_\w+_sk_|whsec_)[^\s"',;]*|\bBearer\s+[^\s"',;]+/gi;

/**
 * Hooks that write log lines, calling `next`'s hooks too: a response at `debug`, a retry at
 * `info` (attempt, wait, reason), and a call that gave up on a retryable failure (network, 5xx,
 * 429, timeout) at `warn`. Any other failure is the caller's to handle (a 404 `getJob` answers
 * `null`), so it is logged at `debug`. No line holds a header, the API key or a webhook secret:
 * the fields are the event's, and a reason that quotes something shaped like one is redacted.
 *
 * @example
 * ```ts
 * import { FlareClient, logHooks } from '@flare/edge';
 * const flare = new FlareClient({ apiKey: env.FLARE_API_KEY, hooks: logHooks({ logLevel: 'info' }) });
 * ```
 */
export function logHooks(
  {
    logger = console,
    logLevel = (readEnv('FLARE_LOG') ?? 'warn') as FlareLogLevel,
  }: LogOptions = {},
  next: FlareHooks = {},
): FlareHooks {
  if (!isObject(next)) fail('hooks must be an object like { onRetry(event) {} }');
  const min = LEVELS.indexOf(logLevel);
  if (min < 0) fail(`logLevel (or FLARE_LOG) must be one of ${LEVELS.join(', ')}`);
  if (LEVELS.some((name, i) => i < 4 && typeof (logger as never)?.[name] !== 'function')) {
    fail('logger must have debug, info, warn and error methods (console does)');
  }
  const log = (event: FlareEvent) => {
    const { type, method, path, status, durationMs, retryInMs, attempt, requestId } = event;
    const error = event.error as { message?: unknown; isRetryable?: boolean } | undefined;
    const level = type === 'retry' ? 1 : type === 'error' && error?.isRetryable ? 2 : 0;
    if (level < min) return;
    const reason =
      error === undefined
        ? undefined
        : String(error?.message ?? error).replace(SECRET, '[redacted]');
    const outcome =
      type === 'response'
        ? `${status} in ${durationMs} ms`
        : type === 'retry'
          ? `failed (${reason}), retrying in ${Math.round(retryInMs!)} ms`
          : `failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${reason}`;
    logger[LEVELS[level]!](
      `flare: ${method} ${path} ${outcome}${requestId ? ` (request ${requestId})` : ''}`,
      {
        method,
        path,
        status,
        durationMs,
        attempt,
        requestId,
        idempotencyKey: event.idempotencyKey,
        retryInMs,
        reason,
      },
    );
  };
  const hook =
    (name: keyof FlareHooks, logs: boolean) =>
    (event: FlareEvent): void => {
      if (logs) log(event);
      (next as FlareHooks)[name]?.(event);
    };
  return {
    onRequest: hook('onRequest', false),
    onResponse: hook('onResponse', true),
    onRetry: hook('onRetry', true),
    onError: hook('onError', true),
  };
}

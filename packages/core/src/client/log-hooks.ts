import { invalid } from '../errors/invalid.js';
import { isObject } from '../internal/is-object.js';
import { LOG_LEVELS, levelRank } from '../internal/log-level.js';
import { reasonOf } from '../internal/redact.js';
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

const HOOKS = ['onRequest', 'onResponse', 'onRetry', 'onError'];

/** Refuses a name `FlareHooks` does not have: a misspelt hook (`onRequst`) would never be called. */
export function checkHookName(name: string): void {
  if (!HOOKS.includes(name)) invalid(`Unknown hook ${name}: use ${HOOKS.join(', ')}`, 'hooks');
}

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
  { logger = console, logLevel }: LogOptions = {},
  next: FlareHooks = {},
): FlareHooks {
  if (!isObject(next)) invalid('hooks must be an object like { onRetry(event) {} }', 'hooks');
  // The client checks the hooks it is given, which are these wrappers: check the user's here.
  for (const [name, hook] of Object.entries(next)) {
    checkHookName(name);
    if (typeof hook !== 'function') invalid(`hooks.${name} must be a function`, 'hooks');
  }
  const min = levelRank(logLevel, 'warn', invalid);
  if (LOG_LEVELS.some((name, i) => i < 4 && typeof (logger as never)?.[name] !== 'function')) {
    invalid('logger must have debug, info, warn and error methods (console does)', 'logger');
  }
  const log = (event: FlareEvent) => {
    const { type, method, path, status, durationMs, retryInMs, attempt, requestId } = event;
    const error = event.error as { message?: unknown; isRetryable?: boolean } | undefined;
    const level = type === 'retry' ? 1 : type === 'error' && error?.isRetryable ? 2 : 0;
    if (level < min) return;
    const reason = error === undefined ? undefined : reasonOf(error);
    const outcome =
      type === 'response'
        ? `${status} in ${durationMs} ms`
        : type === 'retry'
          ? `failed (${reason}), retrying in ${Math.round(retryInMs!)} ms`
          : `failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${reason}`;
    logger[LOG_LEVELS[level]!](
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

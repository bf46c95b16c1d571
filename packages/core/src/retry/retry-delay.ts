import type { HeaderReader } from '../types/header-reader.js';

export type { HeaderReader };

export interface RetryDelayInput {
  /** The retry about to be made: 1 for the first retry. */
  attempt: number;
  /** Response headers of the failed attempt, if there was a response. */
  headers?: HeaderReader | undefined;
  /** Base of the exponential schedule, in ms. */
  baseDelayMs: number;
  /** Cap on any single wait, computed or server-sent, in ms. */
  maxDelayMs: number;
  /** Uniform random number in [0, 1); injected so the schedule is testable. */
  random: () => number;
  /** Current time in ms since the epoch, for `Retry-After` HTTP dates. */
  now: () => number;
}

/**
 * The wait before retry `attempt`, in ms: `min(maxDelayMs, baseDelayMs * 2^(attempt-1))` with
 * jitter uniform in [50 %, 100 %]. A server's `retry-after-ms` or `Retry-After` (seconds or an
 * HTTP date) replaces the computed wait, capped at `maxDelayMs`. Pure: time and randomness are
 * injected.
 *
 * @example
 * ```ts
 * retryDelay({ attempt: 2, baseDelayMs: 500, maxDelayMs: 30_000, random: () => 1, now: Date.now }); // 1000
 * ```
 */
export function retryDelay(input: RetryDelayInput): number {
  const fromServer = serverDelayMs(input.headers, input.now);
  if (fromServer !== undefined) return Math.min(fromServer, input.maxDelayMs);
  const exponential = Math.min(input.maxDelayMs, input.baseDelayMs * 2 ** (input.attempt - 1));
  // random() is in [0, 1): the jittered wait is in [50 %, 100 %) of the exponential one.
  return exponential * (0.5 + 0.5 * input.random());
}

/** The server-requested wait in ms, or `undefined` when there is none (or it is unreadable). */
export function serverDelayMs(
  headers: HeaderReader | undefined,
  now: () => number,
): number | undefined {
  // `+''` is 0 and `+'Infinity'` passes `>= 0`: both are unreadable here.
  const ms = +(headers?.get('retry-after-ms') || NaN);
  if (ms >= 0 && ms < Infinity) return ms;
  const after = headers?.get('retry-after');
  // Seconds, or an HTTP date (`Date.parse` alone would read "7" as a year).
  const wait = after
    ? /^\s*\d+(\.\d+)?\s*$/.test(after)
      ? +after * 1000
      : Date.parse(after) - now()
    : NaN;
  return Number.isNaN(wait) ? undefined : Math.max(0, wait);
}

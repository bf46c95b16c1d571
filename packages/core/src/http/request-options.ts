/**
 * Per-call options, the last argument of every method.
 * @example
 * ```ts
 * await flare.createJob(params, { idempotencyKey: `order-${order.id}`, signal: AbortSignal.timeout(5_000) });
 * ```
 */
export interface RequestOptions {
  /** Dedupes a replayed write: same key + same body → the original response. POSTs get a generated one otherwise. */
  idempotencyKey?: string | undefined;
  /** Your trace ID, sent as `X-Request-Id` and echoed back by the server. */
  requestId?: string | undefined;
  /** Cancels the call at any point, backoff waits included; it then rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /**
   * Extra headers for this call (a proxy's or gateway's), over the client's `defaultHeaders`. The
   * SDK's own headers are refused, as in `defaultHeaders`.
   */
  headers?: Record<string, string> | undefined;
}

/**
 * Checks numeric options by name: `timeoutMs` must be a number > 0 (Infinity: no timeout), the
 * others whole numbers >= 0. `bad` throws; the client's options and each call's share the rules.
 */
export function checkNumbers(
  values: Record<string, unknown>,
  bad: (message: string, param: string) => never,
): void {
  for (const [name, value] of Object.entries(values)) {
    if (name === 'timeoutMs') {
      if (typeof value !== 'number' || !(value > 0)) bad(`${name} must be a number > 0`, name);
    } else if (!Number.isInteger(value) || (value as number) < 0) {
      bad(`${name} must be a whole number >= 0`, name);
    }
  }
}

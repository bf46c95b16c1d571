const BRAND = Symbol.for('zeridion.flare.worker-error');

/** Whether `value` was made by the class named `name` (from any copy of the SDK). */
const branded = (value: unknown, name: string): boolean =>
  (value as { [BRAND]?: unknown } | null)?.[BRAND] === name;

/** Gives the class a stable `name` (minifier-proof) and a cross-copy brand. */
function stamp(error: Error, name: string): void {
  Object.defineProperty(error, 'name', { value: name, enumerable: false, configurable: true });
  Object.defineProperty(error, BRAND, { value: name });
}

/**
 * Thrown by a handler: fails the job at once, whatever attempts remain (a bad payload, a deleted
 * account: retrying cannot help). Sent as `{ type: 'NonRetryableError', message }` with
 * `retryable: false`.
 * @example
 * ```ts
 * if (!user) throw new NonRetryableError(`user ${job.payload.userId} no longer exists`);
 * ```
 */
export class NonRetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    stamp(this, 'NonRetryableError');
  }
  /** `true` for a `NonRetryableError` from any copy of the SDK. */
  static isInstance(value: unknown): value is NonRetryableError {
    return branded(value, 'NonRetryableError');
  }
}

/**
 * Thrown by a handler: fails this attempt and asks for the next one no sooner than `delayMs` from
 * now (instead of the server's backoff), e.g. when a partner API answered 429 with `Retry-After`.
 * The job still fails for good once its attempts are spent.
 * @example
 * ```ts
 * if (res.status === 429) throw new RetryLaterError('partner rate limit', { delayMs: 60_000 });
 * ```
 */
export class RetryLaterError extends Error {
  /** The earliest next attempt, in ms from now. */
  readonly delayMs: number;
  constructor(message: string, options: { delayMs: number; cause?: unknown }) {
    super(message, options);
    const delayMs = options?.delayMs;
    // A bad delay must not turn into "retry at once": it is a bug in the handler.
    if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > 86_400_000) {
      // The contract's range of `retry_in_ms`.
      throw new RangeError(
        'RetryLaterError delayMs must be a whole number of ms from 0 to one day',
      );
    }
    this.delayMs = delayMs;
    stamp(this, 'RetryLaterError');
  }
  /** `true` for a `RetryLaterError` from any copy of the SDK. */
  static isInstance(value: unknown): value is RetryLaterError {
    return branded(value, 'RetryLaterError');
  }
}

/** Why a worker stopped holding a job. */
export type LeaseLostReason = 'lease_lost' | 'lease_expired';

/**
 * The reason `ctx.signal` aborts when the worker no longer holds the job: the server answered a
 * heartbeat 409 `lease_lost` (the lease expired, or the job was cancelled or claimed anew), or the
 * lease could not be renewed before it expired. The worker sends neither complete nor fail for it.
 * @example
 * ```ts
 * ctx.signal.addEventListener('abort', () => {
 *   if (LeaseLostError.isInstance(ctx.signal.reason)) console.warn('job taken away', job.id);
 * });
 * ```
 */
export class LeaseLostError extends Error {
  readonly jobId: string;
  readonly reason: LeaseLostReason;
  constructor(jobId: string, reason: LeaseLostReason, options?: { cause?: unknown }) {
    super(
      reason === 'lease_lost'
        ? `Job ${jobId}: the lease was lost (expired, cancelled or claimed again); stop working on it`
        : `Job ${jobId}: the lease could not be renewed before it expired; stop working on it`,
      options,
    );
    this.jobId = jobId;
    this.reason = reason;
    stamp(this, 'LeaseLostError');
  }
  /** `true` for a `LeaseLostError` from any copy of the SDK. */
  static isInstance(value: unknown): value is LeaseLostError {
    return branded(value, 'LeaseLostError');
  }
}

/**
 * The reason `ctx.signal` aborts when the worker shuts down before the handler finished
 * (`shutdownTimeoutMs` passed, a second signal, or a `drain()` deadline). The job has been given
 * back to the queue; its result, if any, is dropped.
 * @example
 * ```ts
 * if (WorkerStoppedError.isInstance(ctx.signal.reason)) await saveCheckpoint();
 * ```
 */
export class WorkerStoppedError extends Error {
  readonly jobId: string;
  constructor(jobId: string) {
    super(`Job ${jobId}: the worker stopped before the handler finished; the job was released`);
    this.jobId = jobId;
    stamp(this, 'WorkerStoppedError');
  }
  /** `true` for a `WorkerStoppedError` from any copy of the SDK. */
  static isInstance(value: unknown): value is WorkerStoppedError {
    return branded(value, 'WorkerStoppedError');
  }
}

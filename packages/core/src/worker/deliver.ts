import { FlareError } from '../errors/flare-error.js';
import type { RequestOptions } from '../http/request-options.js';
import { generateIdempotencyKey } from '../internal/ids.js';
import { retryDelay } from '../retry/retry-delay.js';
import { sleep } from '../retry/sleep.js';
import type { ActiveJob } from './active-job.js';
import { isLeaseLost } from './lease-keeper.js';
import type { LeaseLostReason } from './worker-errors.js';

/** How a result delivery ended when the job turned out not to be ours any more. */
export interface Undelivered {
  lost: LeaseLostReason;
  error: unknown;
}

/**
 * Sends a job's result (`complete` or `fail`) until it is stored. The client retries each call;
 * past its retries the worker keeps trying with backoff for as long as the lease holds (the lease
 * keeper aborts `job.calls` at its deadline). Every try carries the same `Idempotency-Key`, so a
 * try whose answer was lost is replayed, not refused as `lease_lost`. A non-retryable answer
 * (other than `lease_lost`) is thrown.
 */
export async function deliver<T>(
  job: ActiveJob,
  call: (options: RequestOptions) => Promise<T>,
  now: () => number,
): Promise<{ value: T } | Undelivered> {
  const idempotencyKey = generateIdempotencyKey();
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await call({ signal: job.calls.signal, idempotencyKey }) };
    } catch (error) {
      if (job.calls.signal.aborted) return { lost: 'lease_expired', error };
      if (isLeaseLost(error)) return { lost: 'lease_lost', error };
      if (FlareError.isInstance(error) && !error.isRetryable) throw error;
      const wait = retryDelay({
        attempt,
        headers: FlareError.isInstance(error) ? error.headers : undefined,
        baseDelayMs: 500,
        maxDelayMs: 10_000,
        random: Math.random,
        now,
      });
      if (now() + wait >= job.leaseDeadline) return { lost: 'lease_expired', error };
      try {
        await sleep(wait, job.calls.signal);
      } catch {
        return { lost: 'lease_expired', error };
      }
    }
  }
}

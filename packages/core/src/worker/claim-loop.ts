import {
  AuthError,
  NotFoundError,
  PermissionError,
  ValidationError,
} from '../errors/api-errors.js';
import { FlareError } from '../errors/flare-error.js';
import { retryDelay } from '../retry/retry-delay.js';
import { sleep } from '../retry/sleep.js';
import type { WorkerConfig } from './check-worker-options.js';
import type { ClaimedJob } from './types.js';

/** What the claim loop needs from its worker. */
export interface ClaimLoopHost {
  config: WorkerConfig;
  /** Aborted by `close()` (or a drain's deadline): ends an in-flight claim and any wait. */
  stop: AbortSignal;
  /** Long-poll wait of each claim: `pollWaitMs` for `run()`, 0 for `drain()`. */
  waitMs: number;
  /** Slots free for new jobs. */
  freeSlots(): number;
  /** Jobs it may still claim (`maxJobs` of a drain). */
  budget(): number;
  /** Resolves on the next change: a handler done, or the stop. */
  changed(): Promise<void>;
  /** Local time (ms). */
  now(): number;
  /** `leaseStart`: the local time the leases are counted from (see below). */
  claimed(jobs: ClaimedJob[], leaseStart: number): void;
  /** Jobs whose leases may have run out before they arrived: never run, someone may hold them. */
  expired(jobs: ClaimedJob[]): void;
  /** Jobs a claim returned after the stop: they go back at once. */
  claimedAfterStop(jobs: ClaimedJob[]): void;
  claimError(error: unknown, retryInMs: number): void;
}

/** Why the loop ended. */
export type ClaimLoopEnd = 'closed' | 'empty' | 'maxJobs';

/**
 * An answer that no retry can fix stops the worker: a bad key (401), a key without the right
 * (403), a claim the server refuses (400), a base URL that is not Flare's (404).
 */
const isFatal = (error: unknown): boolean =>
  AuthError.isInstance(error) ||
  PermissionError.isInstance(error) ||
  ValidationError.isInstance(error) ||
  NotFoundError.isInstance(error);

/**
 * Claims jobs until stopped: at most the free slots (and the budget) in one call, long-polling
 * while nothing is there, again at once after a batch. A failed claim backs off (honouring
 * `Retry-After`) and never ends the loop, except for a fatal answer, which it throws.
 */
export async function claimLoop(host: ClaimLoopHost): Promise<ClaimLoopEnd> {
  const { config, stop } = host;
  let failures = 0;
  for (;;) {
    if (stop.aborted) return 'closed';
    const budget = host.budget();
    if (budget <= 0) return 'maxJobs';
    const free = host.freeSlots();
    if (free <= 0) {
      await host.changed();
      continue;
    }
    const sentAt = host.now();
    let jobs: ClaimedJob[];
    let replayed: boolean;
    try {
      ({ jobs, replayed } = await config.protocol.claim(
        {
          queues: config.queues,
          job_types: config.jobTypes,
          limit: Math.min(free, budget, 100),
          lease_seconds: config.leaseSeconds,
          wait_ms: host.waitMs,
          worker_id: config.workerId,
        },
        // The long poll must not count against the client's per-attempt timeout.
        { signal: stop, timeoutMs: host.waitMs + 15_000 },
      ));
      failures = 0;
    } catch (error) {
      if (stop.aborted) return 'closed';
      if (isFatal(error)) throw error;
      failures++;
      const retryInMs = retryDelay({
        attempt: failures,
        headers: FlareError.isInstance(error) ? error.headers : undefined,
        baseDelayMs: 1_000,
        maxDelayMs: 30_000,
        random: Math.random,
        now: Date.now,
      });
      host.claimError(error, retryInMs);
      try {
        await sleep(retryInMs, stop);
      } catch {
        return 'closed';
      }
      continue;
    }
    if (stop.aborted) {
      host.claimedAfterStop(jobs);
      return 'closed';
    }
    if (jobs.length > 0) {
      // The server started the leases somewhere between sending and receiving. A quick answer
      // counts from the send (never later than the server); a long poll that waited for a job
      // counts from one heartbeat interval before the answer, not from the start of the wait.
      // A replayed answer is a claim an earlier attempt of this call made (it timed out, the retry
      // got the stored answer): its leases may date from the first send, and if that is a whole
      // lease ago the server may already have given the jobs to another worker.
      const leaseMs = config.leaseSeconds * 1000;
      const leaseStart = replayed ? sentAt : Math.max(sentAt, host.now() - leaseMs / 3);
      if (leaseStart + leaseMs <= host.now()) host.expired(jobs);
      else host.claimed(jobs, leaseStart);
    } else if (host.waitMs === 0) return 'empty';
  }
}

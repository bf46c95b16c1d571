import { ConflictError } from '../errors/api-errors.js';
import type { ActiveJob } from './active-job.js';
import type { LeaseLostReason } from './worker-errors.js';
import type { WorkerProtocol } from './worker-protocol.js';

/** What the keeper needs from its worker. */
export interface LeaseKeeperDeps {
  protocol: WorkerProtocol;
  leaseMs: number;
  now: () => number;
  /** The job is no longer ours: abort it, report it. */
  lose(job: ActiveJob, reason: LeaseLostReason, error: unknown): void;
  /** A heartbeat failed without losing the lease (yet). */
  heartbeatFailed(job: ActiveJob, error: unknown): void;
}

/** Whether `error` is the server's 409 `lease_lost`. */
export const isLeaseLost = (error: unknown): boolean =>
  ConflictError.isInstance(error) && error.code === 'lease_lost';

/**
 * Keeps the leases of every held job alive on ONE timer for the whole worker: every third of the
 * lease it sends each running job's heartbeat (with its latest progress). A job whose lease can no
 * longer be renewed in time is lost: two heartbeats in a row failed, or its deadline came with a
 * heartbeat or a result still unanswered. The timer runs only while jobs are held.
 */
export class LeaseKeeper {
  readonly #jobs = new Set<ActiveJob>();
  readonly #deps: LeaseKeeperDeps;
  /** The heartbeat interval: a third of the lease. */
  readonly intervalMs: number;
  /** A lease is given up this long before its deadline, so the handler stops before the server reassigns the job. */
  readonly #marginMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(deps: LeaseKeeperDeps) {
    this.#deps = deps;
    this.intervalMs = Math.floor(deps.leaseMs / 3);
    this.#marginMs = Math.floor(this.intervalMs / 2);
  }

  /** Starts keeping `job`'s lease (and its deadline, while its result is being delivered). */
  add(job: ActiveJob): void {
    this.#jobs.add(job);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#tick(), this.intervalMs);
      // Running handlers and in-flight calls keep a process alive; this timer alone must not.
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }

  /** Stops keeping `job`; the timer stops with the last job. */
  delete(job: ActiveJob): void {
    this.#jobs.delete(job);
    if (this.#jobs.size === 0) this.stop();
  }

  /** Clears the timer (the jobs' own calls are aborted by their owners). */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    const now = this.#deps.now();
    for (const job of this.#jobs) {
      if (now >= job.leaseDeadline - this.#marginMs) {
        this.#deps.lose(job, 'lease_expired', undefined);
      } else if (job.phase === 'running' && job.heartbeat === undefined) {
        this.#beat(job, now);
      }
    }
  }

  #beat(job: ActiveJob, sentAt: number): void {
    const progress = job.progress;
    const body = progress ? { lease_id: job.leaseId, progress } : { lease_id: job.leaseId };
    job.heartbeat = this.#deps.protocol
      // One attempt may take at most an interval: the next tick must find it answered.
      .heartbeat(job.job.id, body, { signal: job.calls.signal, timeoutMs: this.intervalMs })
      .then(
        () => {
          job.leaseDeadline = sentAt + this.#deps.leaseMs;
          if (job.progress === progress) job.progress = undefined;
        },
        (error: unknown) => {
          // Settled, released or lost meanwhile: the answer no longer matters.
          if (job.phase !== 'running') return;
          if (isLeaseLost(error)) return this.#deps.lose(job, 'lease_lost', error);
          this.#deps.heartbeatFailed(job, error);
          // The next tick would come too late to renew it.
          if (this.#deps.now() + this.intervalMs >= job.leaseDeadline - this.#marginMs) {
            this.#deps.lose(job, 'lease_expired', error);
          }
        },
      )
      .finally(() => {
        job.heartbeat = undefined;
      });
  }
}

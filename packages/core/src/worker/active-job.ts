import type { ClaimedJob } from './types.js';

/**
 * Where a held job is: its handler `running`; its result being delivered (`settling`); or no
 * longer ours (`lost`, `released`, `done`).
 */
export type JobPhase = 'running' | 'settling' | 'lost' | 'released' | 'done';

/** The worker's state of one claimed job, from claim to its last wire call. */
export class ActiveJob {
  readonly job: ClaimedJob;
  readonly leaseId: string;
  /** Local time (ms) the job was handed to the worker: where the handler's duration counts from. */
  readonly startedAt: number;
  /**
   * Local time (ms) by which the lease must be renewed. Counted from when the claim (see
   * `claimLoop`) or the last successful heartbeat was *sent*, so it is not later than the
   * server's own expiry.
   */
  leaseDeadline: number;
  phase: JobPhase = 'running';
  /** The handler's `ctx.signal`. */
  readonly handler = new AbortController();
  /** Aborts this job's wire calls (heartbeat, result) once the job is no longer ours. */
  readonly calls = new AbortController();
  /** The latest progress not yet acknowledged by a heartbeat. */
  progress: { percent: number; message?: string } | undefined;
  /** The heartbeat in flight, if any: never two at once for one job. */
  heartbeat: Promise<void> | undefined;

  constructor(job: ClaimedJob, leaseStart: number, leaseMs: number) {
    this.job = job;
    this.leaseId = job.lease.id;
    this.startedAt = Date.now();
    this.leaseDeadline = leaseStart + leaseMs;
  }
}

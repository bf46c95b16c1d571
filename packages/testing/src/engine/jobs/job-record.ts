import type { Job, JobState } from '@flare/core';
import type { JobEvent } from './job-history.js';

/** A lease on a running job. */
export interface Lease {
  id: string;
  expiresMs: number;
  /** The claim's `lease_seconds`: each heartbeat extends the lease by this much from now. */
  seconds: number;
  /** `started_at` before this claim, restored by a release (the attempt does not count). */
  priorStartedAt: string | null;
  /** The claim's `worker_id`, if it gave one. */
  workerId: string | null;
}

/**
 * A stored job: the wire object (kept current, nested values never mutated in place) plus what
 * the server knows and does not send.
 */
export interface JobRecord {
  id: string;
  createdMs: number;
  /** `run_at` in ms, or `null` (eligible at once). */
  runAtMs: number | null;
  lease: Lease | null;
  /** Bumped on every timed change, so stale timeline entries are recognised and skipped. */
  version: number;
  job: Job;
  /** What happened to the job, oldest first (bounded; see `appendEvent`). */
  history: JobEvent[];
}

/** Orders records by `created_at` then `id` (lists are served in descending order). */
export function byCreation(
  a: Pick<JobRecord, 'createdMs' | 'id'>,
  b: Pick<JobRecord, 'createdMs' | 'id'>,
): number {
  return a.createdMs - b.createdMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The time a pending job becomes eligible for a claim. */
export function eligibleAt(r: Pick<JobRecord, 'runAtMs' | 'createdMs'>): number {
  return r.runAtMs ?? r.createdMs;
}

/** Orders pending records for claims: oldest first by `run_at` (or `created_at`), then `id`. */
export function byEligibility(a: JobRecord, b: JobRecord): number {
  return eligibleAt(a) - eligibleAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The terminal states. */
export const TERMINAL: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

/** A response timestamp: UTC with exactly three fractional digits. */
export function iso(ms: number): string {
  // A burst of jobs shares its millisecond (and the fake clock often stands still): format once.
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

let lastMs = Number.NaN;
let lastIso = '';

/**
 * The job as sent on the wire: a fresh top-level object (nested values are shared; the engine
 * replaces them rather than mutating them, so a stored snapshot stays as it was).
 */
export function toWire(record: JobRecord): Job {
  return { ...record.job };
}

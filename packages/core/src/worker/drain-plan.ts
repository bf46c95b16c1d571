import { badOption } from './check-worker-options.js';
import type { DrainOptions } from './types.js';

/** A drain's timing: claims stop and running jobs are aborted at `graceEnd`; the rest is for releases. */
export interface DrainPlan {
  maxJobs: number;
  startedAt: number;
  /** Local time (ms) when running jobs are aborted and released. */
  graceEnd: number;
  /** The end of the deadline kept for the releases: a tenth of it, at most 2 s. */
  reserveMs: number;
}

/** Checks `drain()`'s options (a `ValidationError` naming the bad one) and plans its timing. */
export function drainPlan(options: DrainOptions, now: number): DrainPlan {
  const { deadlineMs, maxJobs = Number.POSITIVE_INFINITY } = (options ?? {}) as DrainOptions;
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1) {
    badOption('drain deadlineMs must be a whole number of ms >= 1', 'deadlineMs');
  }
  if (maxJobs !== Number.POSITIVE_INFINITY && (!Number.isInteger(maxJobs) || maxJobs < 1)) {
    badOption('drain maxJobs must be a whole number >= 1', 'maxJobs');
  }
  const reserveMs = Math.min(2_000, Math.floor(deadlineMs / 10));
  return { maxJobs, startedAt: now, graceEnd: now + deadlineMs - reserveMs, reserveMs };
}

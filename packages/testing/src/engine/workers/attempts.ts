import type { JobLastError, JobProgress } from '@flare/core';
import type { EngineContext } from '../context.js';
import { iso, type JobRecord, type Lease } from '../jobs/job-record.js';
import { watch } from '../jobs/transitions.js';

// The attempt half of the state machine: claim, heartbeat, complete, fail, release (also used by
// the fake's drivers and by lease expiry).

/** A claim: `running`, `attempts` + 1, a fresh lease; progress resets for the new attempt. */
export function startAttempt(
  ctx: EngineContext,
  r: JobRecord,
  leaseSeconds: number,
  workerId: string | null = null,
): Lease {
  const now = ctx.now();
  const lease: Lease = {
    id: ctx.id('lse_'),
    expiresMs: now + leaseSeconds * 1000,
    seconds: leaseSeconds,
    priorStartedAt: r.job.started_at,
    workerId,
  };
  ctx.jobs.update(r, () => {
    r.lease = lease;
    r.job = {
      ...r.job,
      state: 'running',
      attempts: r.job.attempts + 1,
      progress: null,
      result: null,
      started_at: iso(now),
      finished_at: null,
      updated_at: iso(now),
    };
  });
  ctx.note(r, {
    kind: 'claimed',
    worker_id: workerId,
    lease_id: lease.id,
    attempt: r.job.attempts,
    run_at: iso(lease.expiresMs),
  });
  watch(ctx, r);
  return lease;
}

/** Extends the lease from now; replaces `progress` when given. */
export function heartbeat(
  ctx: EngineContext,
  r: JobRecord,
  progress: { percent: number; message?: string | undefined } | undefined,
): void {
  const now = ctx.now();
  ctx.jobs.update(r, () => {
    const lease = r.lease!;
    r.lease = { ...lease, expiresMs: now + lease.seconds * 1000 };
    const next: JobProgress | null = progress
      ? { percent: progress.percent, message: progress.message ?? null, updated_at: iso(now) }
      : r.job.progress;
    r.job = { ...r.job, progress: next, updated_at: iso(now) };
  });
  ctx.note(r, {
    kind: 'heartbeat',
    worker_id: r.lease!.workerId,
    lease_id: r.lease!.id,
    ...(progress && { progress: { percent: progress.percent, message: progress.message ?? null } }),
  });
  watch(ctx, r);
}

/** `running` → `succeeded` with `result`. */
export function complete(ctx: EngineContext, r: JobRecord, result: unknown): void {
  const at = iso(ctx.now());
  const workerId = r.lease?.workerId ?? null;
  ctx.jobs.update(r, () => {
    r.lease = null;
    r.job = { ...r.job, state: 'succeeded', result, finished_at: at, updated_at: at };
  });
  ctx.note(r, { kind: 'succeeded', at, worker_id: workerId });
  ctx.emit('job.succeeded', r);
}

/** How a failed attempt is settled. */
export interface FailOptions {
  /** `false` fails the job whatever attempts remain. */
  retryable: boolean;
  /** The worker's own wait before the next attempt, replacing the server's backoff. */
  retryInMs?: number | undefined;
  /** When the attempt failed (a lease expiry is dated at the expiry). Default now. */
  atMs?: number | undefined;
}

/**
 * A failed attempt: back to `pending` while attempts remain and the error is retryable, with
 * `run_at` = now + `retryInMs` when the worker gave one, else + the server's backoff; else
 * `failed`.
 */
export function failAttempt(
  ctx: EngineContext,
  r: JobRecord,
  error: JobLastError,
  { retryable, retryInMs, atMs = ctx.now() }: FailOptions,
): void {
  const at = iso(atMs);
  const final = !retryable || r.job.attempts >= r.job.max_attempts;
  const workerId = r.lease?.workerId ?? null;
  ctx.jobs.update(r, () => {
    r.lease = null;
    if (final) {
      r.job = { ...r.job, state: 'failed', last_error: error, finished_at: at, updated_at: at };
      return;
    }
    r.runAtMs = atMs + (retryInMs ?? ctx.backoffMs(r.job.attempts));
    r.job = {
      ...r.job,
      state: 'pending',
      last_error: error,
      run_at: iso(r.runAtMs),
      updated_at: at,
    };
  });
  const kind = final
    ? 'failed'
    : error.type === 'lease_expired'
      ? 'lease_expired'
      : 'attempt_failed';
  ctx.note(r, {
    kind,
    at,
    worker_id: workerId,
    attempt: r.job.attempts,
    error: { message: error.message, type: error.type ?? null },
    ...(!final && { run_at: r.job.run_at }),
  });
  if (final) ctx.emit('job.failed', r);
  else ctx.notifyReady();
}

/**
 * The holder gives the job back, as if the claim had not happened: the lease ends, `attempts`
 * goes back down by one, `started_at` returns to its value before the claim and `progress` is
 * cleared. With `delayMs` > 0 the job is `scheduled` until now + `delayMs`; otherwise it is
 * `pending` at once and keeps its `run_at`, so it keeps its place in line.
 */
export function release(ctx: EngineContext, r: JobRecord, delayMs: number): void {
  const now = ctx.now();
  const lease = r.lease!;
  ctx.jobs.update(r, () => {
    r.lease = null;
    if (delayMs > 0) r.runAtMs = now + delayMs;
    r.job = {
      ...r.job,
      state: delayMs > 0 ? 'scheduled' : 'pending',
      attempts: r.job.attempts - 1,
      progress: null,
      run_at: r.runAtMs === null ? null : iso(r.runAtMs),
      started_at: lease.priorStartedAt,
      updated_at: iso(now),
    };
  });
  ctx.note(r, { kind: 'released', worker_id: lease.workerId, run_at: r.job.run_at });
  watch(ctx, r);
  if (delayMs === 0) ctx.notifyReady();
}

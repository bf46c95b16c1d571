import type { CreateJobParams, Job, JobLastError } from '@flare/core';
import type { EngineContext } from './engine/context.js';
import { type JobRecord, TERMINAL, toWire } from './engine/jobs/job-record.js';
import * as transition from './engine/jobs/transitions.js';
import { createJobInput } from './engine/validation/job-params.js';
import * as attempt from './engine/workers/attempts.js';

/**
 * Options of the `startJob` driver.
 * @example
 * ```ts
 * fake.startJob(job.id, { leaseSeconds: 5 }); // expires 5 s later on the fake clock
 * ```
 */
export interface StartJobOptions {
  /** The lease length. Default 60 s. */
  leaseSeconds?: number | undefined;
}

/**
 * Options of the `failJob` driver.
 * @example
 * ```ts
 * fake.failJob(job.id, { message: 'flaky' }, { retryable: true }); // pending again, with backoff
 * ```
 */
export interface FailJobOptions {
  /** `true`: fail this attempt only (back to `pending` with backoff while attempts remain). Default false: the job fails now. */
  retryable?: boolean | undefined;
  /** With `retryable`: the next attempt waits this long instead of the server's backoff. */
  retryInMs?: number | undefined;
}

/**
 * Options of the `releaseJob` driver.
 * @example
 * ```ts
 * fake.releaseJob(job.id, { delayMs: 30_000 }); // scheduled, due 30 s later on the fake clock
 * ```
 */
export interface ReleaseJobOptions {
  /** Keep the job `scheduled` this long; default 0: `pending` at once. */
  delayMs?: number | undefined;
}

function find(ctx: EngineContext, id: string): JobRecord {
  const record = ctx.jobs.byId.get(id);
  if (!record) throw new Error(`FakeFlare has no job ${id}`);
  return record;
}

function notTerminal(record: JobRecord, action: string): void {
  if (TERMINAL.has(record.job.state)) {
    throw new Error(`Cannot ${action} job ${record.id}: it is already ${record.job.state}`);
  }
}

/** Creates a job without HTTP (no auth, idempotency or quota); for seeding. */
export function createJob(ctx: EngineContext, params: CreateJobParams): Job {
  const body = {
    ...params,
    run_at: params.run_at instanceof Date ? params.run_at.toISOString() : params.run_at,
  };
  return toWire(transition.createJob(ctx, createJobInput(body)));
}

/** `scheduled`/`pending` → `running`, as a claim would (ignoring `run_at`). */
export function startJob(ctx: EngineContext, id: string, options: StartJobOptions = {}): Job {
  const record = find(ctx, id);
  if (record.job.state !== 'pending' && record.job.state !== 'scheduled') {
    throw new Error(`Cannot start job ${id}: it is ${record.job.state}, not pending or scheduled`);
  }
  attempt.startAttempt(ctx, record, options.leaseSeconds ?? 60);
  return toWire(record);
}

/** → `succeeded` with `result`, starting the job first when no worker holds it. */
export function completeJob(ctx: EngineContext, id: string, result: unknown = null): Job {
  const record = find(ctx, id);
  notTerminal(record, 'complete');
  if (record.job.state !== 'running') startJob(ctx, id);
  attempt.complete(ctx, record, result);
  return toWire(record);
}

/** → `failed` (or, with `retryable`, one failed attempt), starting the job first if needed. */
export function failJob(
  ctx: EngineContext,
  id: string,
  error: Partial<JobLastError> = {},
  options: FailJobOptions = {},
): Job {
  const record = find(ctx, id);
  notTerminal(record, 'fail');
  if (record.job.state !== 'running') startJob(ctx, id);
  const lastError = {
    message: error.message ?? 'Failed by FakeFlare.failJob',
    type: error.type ?? null,
  };
  const { retryInMs } = options;
  const retryable = options.retryable ?? false;
  if (retryInMs !== undefined && !retryable) {
    throw new Error(`Cannot fail job ${id} with retryInMs: it needs { retryable: true }`);
  }
  if (retryInMs !== undefined && !(Number.isInteger(retryInMs) && retryInMs >= 0)) {
    throw new Error(`Cannot fail job ${id}: retryInMs must be a whole number ≥ 0`);
  }
  attempt.failAttempt(ctx, record, lastError, { retryable, retryInMs });
  return toWire(record);
}

/** `running` → `pending` (or `scheduled` for `delayMs`), as the holder's release would. */
export function releaseJob(ctx: EngineContext, id: string, options: ReleaseJobOptions = {}): Job {
  const record = find(ctx, id);
  if (record.job.state !== 'running') {
    throw new Error(`Cannot release job ${id}: it is ${record.job.state}, not running`);
  }
  const delayMs = options.delayMs ?? 0;
  if (!Number.isInteger(delayMs) || delayMs < 0) {
    throw new Error(`Cannot release job ${id}: delayMs must be a whole number ≥ 0`);
  }
  attempt.release(ctx, record, delayMs);
  return toWire(record);
}

/** `failed`/`cancelled` → `pending`, as `POST /v1/jobs/{id}/retry` would. */
export function retryJob(ctx: EngineContext, id: string): Job {
  const record = find(ctx, id);
  if (record.job.state !== 'failed' && record.job.state !== 'cancelled') {
    throw new Error(
      `Cannot retry job ${id}: it is ${record.job.state}; only failed or cancelled jobs can be retried`,
    );
  }
  transition.retry(ctx, record);
  return toWire(record);
}

/**
 * Progress for the `reportProgress` driver, as a heartbeat sends it.
 * @example
 * ```ts
 * fake.reportProgress(job.id, { percent: 40, message: 'resizing' });
 * ```
 */
export interface ProgressUpdate {
  /** 0–100. */
  percent: number;
  /** At most 1,024 characters. */
  message?: string | undefined;
}

/** A heartbeat with `progress`, starting the job first when no worker holds it. */
export function reportProgress(ctx: EngineContext, id: string, progress: ProgressUpdate): Job {
  const record = find(ctx, id);
  notTerminal(record, 'report progress for');
  const { percent, message } = progress ?? {};
  if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100)) {
    throw new Error(`Cannot report progress for job ${id}: percent must be a number from 0 to 100`);
  }
  if (message !== undefined && (typeof message !== 'string' || message.length > 1024)) {
    throw new Error(`Cannot report progress for job ${id}: message must be ≤ 1024 characters`);
  }
  if (record.job.state !== 'running') startJob(ctx, id);
  attempt.heartbeat(ctx, record, { percent, message });
  return toWire(record);
}

/** → `cancelled`, as `POST /v1/jobs/{id}/cancel` would. */
export function cancelJob(ctx: EngineContext, id: string): Job {
  const record = find(ctx, id);
  notTerminal(record, 'cancel');
  transition.cancel(ctx, record);
  return toWire(record);
}

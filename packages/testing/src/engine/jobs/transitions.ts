import type { JsonObject } from '@flare/core';
import type { EngineContext } from '../context.js';
import { iso, type JobRecord } from './job-record.js';

/** A validated `createJob` body. */
export interface CreateJobInput {
  job_type: string;
  payload: JsonObject;
  queue: string;
  max_attempts: number;
  runAtMs: number | null;
  tags: string[];
  /** Set for a schedule's tick: the schedule and the nominal tick time. */
  scheduleId?: string | undefined;
  scheduledForMs?: number | undefined;
}

/** A new job: `pending`, or `scheduled` when `run_at` is in the future. */
export function createJob(ctx: EngineContext, input: CreateJobInput, now = ctx.now()): JobRecord {
  const id = ctx.id('job_');
  const at = iso(now);
  const scheduled = input.runAtMs !== null && input.runAtMs > now;
  const record: JobRecord = {
    id,
    createdMs: now,
    runAtMs: input.runAtMs,
    lease: null,
    version: 0,
    history: [],
    job: {
      id,
      object: 'job',
      job_type: input.job_type,
      queue: input.queue,
      state: scheduled ? 'scheduled' : 'pending',
      payload: input.payload,
      result: null,
      tags: input.tags,
      attempts: 0,
      max_attempts: input.max_attempts,
      progress: null,
      last_error: null,
      run_at: input.runAtMs === null ? null : iso(input.runAtMs),
      created_at: at,
      updated_at: at,
      started_at: null,
      finished_at: null,
      schedule_id: input.scheduleId ?? null,
      scheduled_for: input.scheduledForMs === undefined ? null : iso(input.scheduledForMs),
    },
  };
  ctx.jobs.add(record);
  ctx.note(
    record,
    input.scheduleId === undefined
      ? { kind: 'created', at }
      : {
          kind: 'created',
          at,
          schedule_id: input.scheduleId,
          tick_at: iso(input.scheduledForMs ?? now),
        },
  );
  watch(ctx, record);
  if (!scheduled) ctx.notifyReady();
  return record;
}

/** `scheduled` → `pending` once `run_at` has come. */
export function promote(ctx: EngineContext, r: JobRecord, at: number): void {
  ctx.jobs.update(r, () => {
    r.job = { ...r.job, state: 'pending', updated_at: iso(at) };
  });
  ctx.note(r, { kind: 'due', at: iso(at) });
  ctx.notifyReady();
}

/** Any non-terminal state → `cancelled`; the lease is revoked. */
export function cancel(ctx: EngineContext, r: JobRecord): void {
  const at = iso(ctx.now());
  ctx.jobs.update(r, () => {
    r.lease = null;
    r.job = { ...r.job, state: 'cancelled', finished_at: at, updated_at: at };
  });
  ctx.note(r, { kind: 'cancelled', at });
  ctx.emit('job.cancelled', r);
}

/** `failed`/`cancelled` → `pending`, starting over; `last_error` is kept. */
export function retry(ctx: EngineContext, r: JobRecord): void {
  const at = iso(ctx.now());
  ctx.jobs.update(r, () => {
    r.runAtMs = null;
    r.job = {
      ...r.job,
      state: 'pending',
      attempts: 0,
      run_at: null,
      result: null,
      progress: null,
      started_at: null,
      finished_at: null,
      updated_at: at,
    };
  });
  ctx.note(r, { kind: 'retried', at });
  ctx.notifyReady();
}

/** Puts the record's next timed change on the timeline: promotion or lease expiry. */
export function watch(ctx: EngineContext, r: JobRecord): void {
  if (r.job.state === 'scheduled' && r.runAtMs !== null) {
    ctx.timeline.add(r.runAtMs, { kind: 'promote', id: r.id, version: r.version });
  } else if (r.job.state === 'running' && r.lease) {
    ctx.timeline.add(r.lease.expiresMs, { kind: 'lease', id: r.id, version: r.version });
  }
}

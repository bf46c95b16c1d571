import { notFound } from '../api-failure.js';
import type { EngineContext } from '../context.js';
import { iso } from '../jobs/job-record.js';
import { noParams } from '../jobs/job-routes.js';
import { createJob } from '../jobs/transitions.js';
import type { Operation } from '../operation.js';
import { listSchedulesQuery, neverFires, scheduleInput } from '../validation/schedule-params.js';
import { nextTick } from './cron-next.js';
import type { ScheduleRecord } from './schedule-store.js';

function findSchedule(ctx: EngineContext, id: string): ScheduleRecord {
  const record = ctx.schedules.byId.get(id);
  if (!record) throw notFound('schedule', id);
  return record;
}

/** Sets `next_run_at` from `afterMs` and puts the tick on the timeline. */
function plan(ctx: EngineContext, r: ScheduleRecord, afterMs: number): void {
  const next = nextTick(r.cron, r.schedule.timezone, afterMs);
  ctx.schedules.update(r, () => {
    r.schedule = { ...r.schedule, next_run_at: next === undefined ? null : iso(next) };
  });
  if (next !== undefined)
    ctx.timeline.add(next, { kind: 'schedule', id: r.id, version: r.version });
  ctx.changed({ kind: 'schedule', id: r.id });
}

/** A tick: enqueue one job from the template, then plan the next tick. */
export function fireSchedule(ctx: EngineContext, r: ScheduleRecord, at: number): void {
  const s = r.schedule;
  createJob(
    ctx,
    {
      job_type: s.job_type,
      payload: s.payload,
      queue: s.queue,
      max_attempts: s.max_attempts,
      runAtMs: null,
      tags: s.tags,
    },
    at,
    { scheduleId: r.id, tickMs: at },
  );
  ctx.schedules.update(r, () => {
    r.schedule = { ...r.schedule, last_run_at: iso(at) };
  });
  plan(ctx, r, at);
}

export const createSchedule: Operation = (ctx, { body }) => {
  const input = scheduleInput(body!);
  const now = ctx.now();
  if (nextTick(input.cron, input.timezone, now) === undefined) throw neverFires(input.cronText);
  const id = ctx.id('sch_');
  const record: ScheduleRecord = {
    id,
    createdMs: now,
    version: 0,
    cron: input.cron,
    schedule: {
      id,
      object: 'schedule',
      cron: input.cronText,
      timezone: input.timezone,
      job_type: input.job_type,
      payload: input.payload,
      queue: input.queue,
      max_attempts: input.max_attempts,
      tags: input.tags,
      paused: false,
      next_run_at: null,
      last_run_at: null,
      created_at: iso(now),
    },
  };
  ctx.schedules.add(record);
  plan(ctx, record, now);
  return { status: 201, body: { ...record.schedule } };
};

export const getSchedule: Operation = (ctx, { id }) => ({
  status: 200,
  body: { ...findSchedule(ctx, id).schedule },
});

export const listSchedules: Operation = (ctx, { query }) => {
  const q = listSchedulesQuery(query);
  const after = q.cursor === undefined ? undefined : ctx.cursors.decode(q.cursor, 'sch_');
  const index = q.paused === undefined ? ctx.schedules.all : ctx.schedules.byPaused(q.paused);
  const page: ScheduleRecord[] = [];
  let hasMore = false;
  for (const r of index.descending(after)) {
    if (page.length === q.limit) {
      hasMore = true;
      break;
    }
    page.push(r);
  }
  const last = page[page.length - 1];
  return {
    status: 200,
    body: {
      schedules: page.map((r) => ({ ...r.schedule })),
      has_more: hasMore,
      next_cursor: hasMore && last ? ctx.cursors.encode(last) : null,
    },
  };
};

export const deleteSchedule: Operation = (ctx, { id }) => {
  ctx.schedules.delete(findSchedule(ctx, id));
  ctx.changed({ kind: 'schedule', id });
  return { status: 200, body: { id, object: 'schedule', deleted: true } };
};

export const pauseSchedule: Operation = (ctx, { id, body }) => {
  const r = findSchedule(ctx, id);
  noParams(body);
  if (!r.schedule.paused) {
    ctx.schedules.update(r, () => {
      r.schedule = { ...r.schedule, paused: true, next_run_at: null };
    });
    ctx.changed({ kind: 'schedule', id });
  }
  return { status: 200, body: { ...r.schedule } };
};

export const resumeSchedule: Operation = (ctx, { id, body }) => {
  const r = findSchedule(ctx, id);
  noParams(body);
  if (r.schedule.paused) {
    ctx.schedules.update(r, () => {
      r.schedule = { ...r.schedule, paused: false };
    });
    plan(ctx, r, ctx.now());
  }
  return { status: 200, body: { ...r.schedule } };
};

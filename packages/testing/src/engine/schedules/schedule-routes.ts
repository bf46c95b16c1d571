import { notFound } from '../api-failure.js';
import type { EngineContext } from '../context.js';
import { iso } from '../jobs/job-record.js';
import { noParams } from '../jobs/job-routes.js';
import type { Operation } from '../operation.js';
import {
  listSchedulesQuery,
  neverFires,
  type ScheduleFields,
  scheduleInput,
  scheduleUpdate,
} from '../validation/schedule-params.js';
import { nextTick } from './cron-next.js';
import type { Schedule, ScheduleRecord } from './schedule-store.js';
import { plan } from './schedule-ticks.js';

function findSchedule(ctx: EngineContext, id: string): ScheduleRecord {
  const record = ctx.schedules.byId.get(id);
  if (!record) throw notFound('schedule', id);
  return record;
}

/** The wire object's template fields from validated ones (`cron` as the caller wrote it). */
function template({ cronText, cron: _parsed, ...rest }: Partial<ScheduleFields>) {
  return cronText === undefined ? rest : { ...rest, cron: cronText };
}

/** Applies validated fields to a schedule and recomputes `next_run_at` (unless paused). */
function apply(ctx: EngineContext, r: ScheduleRecord, fields: Partial<ScheduleFields>): void {
  const cron = fields.cron ?? r.cron;
  const timezone = fields.timezone ?? r.schedule.timezone;
  if (nextTick(cron, timezone, ctx.now()) === undefined) {
    throw neverFires(fields.cronText ?? r.schedule.cron);
  }
  ctx.schedules.update(r, () => {
    r.cron = cron;
    r.schedule = { ...r.schedule, ...template(fields) };
  });
  if (!r.schedule.paused) plan(ctx, r, ctx.now());
}

export const createSchedule: Operation = (ctx, { body }) => {
  const { key, ...fields } = scheduleInput(body!);
  const existing = key === null ? undefined : ctx.schedules.byKey.get(key);
  if (existing) {
    // Schedules as code: the key's schedule becomes exactly this request; `paused` is kept.
    apply(ctx, existing, fields);
    return { status: 200, body: { ...existing.schedule } };
  }
  const now = ctx.now();
  if (nextTick(fields.cron, fields.timezone, now) === undefined) throw neverFires(fields.cronText);
  const id = ctx.id('sch_');
  const schedule: Schedule = {
    id,
    object: 'schedule',
    key,
    cron: fields.cronText,
    timezone: fields.timezone,
    job_type: fields.job_type,
    payload: fields.payload,
    queue: fields.queue,
    max_attempts: fields.max_attempts,
    tags: fields.tags,
    overlap: fields.overlap,
    paused: false,
    next_run_at: null,
    last_run_at: null,
    created_at: iso(now),
  };
  const record: ScheduleRecord = {
    id,
    createdMs: now,
    version: 0,
    cron: fields.cron,
    schedule,
    lastJobId: null,
  };
  ctx.schedules.add(record);
  plan(ctx, record, now);
  return { status: 201, body: { ...record.schedule } };
};

export const updateSchedule: Operation = (ctx, { id, body }) => {
  const r = findSchedule(ctx, id);
  apply(ctx, r, scheduleUpdate(body!));
  return { status: 200, body: { ...r.schedule } };
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
    // From now: ticks missed while paused are not back-filled.
    plan(ctx, r, ctx.now());
  }
  return { status: 200, body: { ...r.schedule } };
};

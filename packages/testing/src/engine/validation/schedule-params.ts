import type { JsonObject } from '@flare/core';
import { ApiFailure, badParam } from '../api-failure.js';
import { type Cron, parseCron } from '../schedules/cron.js';
import { isTimeZone } from '../schedules/cron-next.js';
import * as check from './check.js';
import { limit, single, tagList } from './job-params.js';

const TEMPLATE = ['cron', 'timezone', 'job_type', 'payload', 'queue', 'max_attempts', 'tags'];
const UPDATABLE = [...TEMPLATE, 'overlap'] as const;
const KEYS = [...UPDATABLE, 'key'] as const;

/** The template fields of a schedule, validated, as the update body may give them. */
export interface ScheduleFields {
  cronText: string;
  cron: Cron;
  timezone: string;
  job_type: string;
  payload: JsonObject;
  queue: string;
  max_attempts: number;
  tags: string[];
  overlap: 'allow' | 'skip';
}

/** A validated `createSchedule` body with defaults applied. */
export interface ScheduleInput extends ScheduleFields {
  key: string | null;
}

/** A validated `createSchedule` body: every absent field takes its default. */
export function scheduleInput(body: check.Fields): ScheduleInput {
  check.onlyKeys(body, KEYS);
  check.required(body, 'cron');
  check.required(body, 'job_type');
  const fields = scheduleUpdate(body, true);
  return {
    cronText: fields.cronText!,
    cron: fields.cron!,
    timezone: fields.timezone ?? 'UTC',
    job_type: fields.job_type!,
    payload: fields.payload ?? {},
    queue: fields.queue ?? 'default',
    max_attempts: fields.max_attempts ?? 3,
    tags: fields.tags ?? [],
    overlap: fields.overlap ?? 'allow',
    key: body.key === undefined ? null : check.text(body.key, 'key', 1, 128, true),
  };
}

/** A validated `updateSchedule` body: only the fields given. */
export function scheduleUpdate(body: check.Fields, keyAllowed = false): Partial<ScheduleFields> {
  check.onlyKeys(body, keyAllowed ? KEYS : UPDATABLE);
  const out: Partial<ScheduleFields> = {};
  if (body.cron !== undefined) {
    out.cronText = check.text(body.cron, 'cron', 9, 128);
    const cron = parseCron(out.cronText);
    if (typeof cron === 'string') throw badParam('cron', cron);
    out.cron = cron;
  }
  if (body.timezone !== undefined) {
    out.timezone = check.text(body.timezone, 'timezone', 1, 64);
    if (!isTimeZone(out.timezone)) {
      throw badParam('timezone', 'must be an IANA time zone such as Europe/Paris');
    }
  }
  if (body.job_type !== undefined) out.job_type = check.name(body.job_type, 'job_type');
  if (body.payload !== undefined) {
    out.payload = check.sized(check.object(body.payload, 'payload'), 'payload') as JsonObject;
  }
  if (body.queue !== undefined) out.queue = check.name(body.queue, 'queue');
  if (body.max_attempts !== undefined) {
    out.max_attempts = check.int(body.max_attempts, 'max_attempts', 1, 25);
  }
  if (body.tags !== undefined) out.tags = tagList(body.tags);
  if (body.overlap !== undefined) {
    check.notNull(body.overlap, 'overlap');
    if (body.overlap !== 'allow' && body.overlap !== 'skip') {
      throw badParam('overlap', 'must be "allow" or "skip"');
    }
    out.overlap = body.overlap;
  }
  return out;
}

/** 422: a well-formed cron that never fires. */
export function neverFires(cron: string): ApiFailure {
  return new ApiFailure(422, 'unprocessable', `cron: "${cron}" never fires`, 'cron');
}

/** A validated `listSchedules` query. */
export function listSchedulesQuery(query: Map<string, string[]>): {
  paused: boolean | undefined;
  limit: number;
  cursor: string | undefined;
} {
  const q = single(query, ['paused', 'limit', 'cursor']);
  if (q.paused !== undefined && q.paused !== 'true' && q.paused !== 'false') {
    throw badParam('paused', 'must be true or false');
  }
  return {
    paused: q.paused === undefined ? undefined : q.paused === 'true',
    limit: limit(q.limit),
    cursor: q.cursor === undefined ? undefined : check.text(q.cursor, 'cursor', 1, 1024),
  };
}

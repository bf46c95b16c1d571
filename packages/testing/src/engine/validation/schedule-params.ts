import type { JsonObject } from '@flare/core';
import { ApiFailure, badParam } from '../api-failure.js';
import { type Cron, parseCron } from '../schedules/cron.js';
import { isTimeZone } from '../schedules/cron-next.js';
import * as check from './check.js';
import { limit, single, tagList } from './job-params.js';

const KEYS = ['cron', 'timezone', 'job_type', 'payload', 'queue', 'max_attempts', 'tags'] as const;

/** A validated `createSchedule` body with defaults applied. */
export interface ScheduleInput {
  cronText: string;
  cron: Cron;
  timezone: string;
  job_type: string;
  payload: JsonObject;
  queue: string;
  max_attempts: number;
  tags: string[];
}

export function scheduleInput(body: check.Fields): ScheduleInput {
  check.onlyKeys(body, KEYS);
  const cronText = check.text(check.required(body, 'cron'), 'cron', 9, 128);
  const cron = parseCron(cronText);
  if (typeof cron === 'string') throw badParam('cron', cron);
  const timezone =
    body.timezone === undefined ? 'UTC' : check.text(body.timezone, 'timezone', 1, 64);
  if (!isTimeZone(timezone))
    throw badParam('timezone', 'must be an IANA time zone such as Europe/Paris');
  return {
    cronText,
    cron,
    timezone,
    job_type: check.name(check.required(body, 'job_type'), 'job_type'),
    payload: (body.payload === undefined
      ? {}
      : check.sized(check.object(body.payload, 'payload'), 'payload')) as JsonObject,
    queue: body.queue === undefined ? 'default' : check.name(body.queue, 'queue'),
    max_attempts:
      body.max_attempts === undefined ? 3 : check.int(body.max_attempts, 'max_attempts', 1, 25),
    tags: body.tags === undefined ? [] : tagList(body.tags),
  };
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

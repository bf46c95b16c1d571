import type { JobState, JsonObject } from '@flare/core';
import { badParam } from '../api-failure.js';
import type { CreateJobInput } from '../jobs/transitions.js';
import * as check from './check.js';

const CREATE_KEYS = ['job_type', 'payload', 'queue', 'max_attempts', 'run_at', 'tags'] as const;
const LIST_KEYS = ['state', 'queue', 'job_type', 'tag', 'limit', 'cursor'] as const;
const STATES: readonly JobState[] = [
  'scheduled',
  'pending',
  'running',
  'succeeded',
  'failed',
  'cancelled',
];

/**
 * Validates a `createJob` body and applies the defaults. `textChars`: the length of the JSON text
 * the body came from, when it came from one (it spares measuring small payloads; `check.sized`).
 */
export function createJobInput(body: check.Fields, textChars?: number): CreateJobInput {
  check.onlyKeys(body, CREATE_KEYS);
  const jobType = check.name(check.required(body, 'job_type'), 'job_type');
  const payload =
    body.payload === undefined
      ? {}
      : check.sized(check.object(body.payload, 'payload'), 'payload', textChars);
  return {
    job_type: jobType,
    payload: payload as JsonObject,
    queue: body.queue === undefined ? 'default' : check.name(body.queue, 'queue'),
    max_attempts:
      body.max_attempts === undefined ? 3 : check.int(body.max_attempts, 'max_attempts', 1, 25),
    runAtMs:
      body.run_at === undefined || body.run_at === null
        ? null
        : check.timestamp(body.run_at, 'run_at'),
    tags: body.tags === undefined ? [] : tagList(body.tags),
  };
}

/** At most 10 distinct tags of 1–64 characters. */
export function tagList(value: unknown): string[] {
  return check.list(value, 'tags', 0, 10, (v, p) => check.text(v, p, 1, 64));
}

/** A validated `listJobs` query. */
export interface ListJobsQuery {
  state?: JobState;
  queue?: string;
  job_type?: string;
  tag?: string;
  limit: number;
  cursor?: string;
}

/** Validates a `listJobs` query: known keys, each given once. */
export function listJobsQuery(query: Map<string, string[]>): ListJobsQuery {
  const q = single(query, LIST_KEYS);
  const out: ListJobsQuery = { limit: limit(q.limit) };
  if (q.state !== undefined) {
    if (!STATES.includes(q.state as JobState)) {
      throw badParam('state', `must be one of ${STATES.join(', ')}`);
    }
    out.state = q.state as JobState;
  }
  if (q.queue !== undefined) out.queue = check.name(q.queue, 'queue');
  if (q.job_type !== undefined) out.job_type = check.name(q.job_type, 'job_type');
  if (q.tag !== undefined) out.tag = check.text(q.tag, 'tag', 1, 64);
  if (q.cursor !== undefined) out.cursor = check.text(q.cursor, 'cursor', 1, 1024);
  return out;
}

/** The query as one value per key; unknown or repeated keys are refused. */
export function single(
  query: Map<string, string[]>,
  allowed: readonly string[],
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, values] of query) {
    if (!allowed.includes(key)) {
      throw check.unknownParam(key, allowed);
    }
    if (values.length > 1) throw badParam(key, 'must be given once');
    out[key] = values[0];
  }
  return out;
}

/** `limit`: a whole number from 1 to 100, default 20. */
export function limit(value: string | undefined): number {
  if (value === undefined) return 20;
  if (!/^[0-9]{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 100) {
    throw badParam('limit', 'must be a whole number from 1 to 100');
  }
  return Number(value);
}

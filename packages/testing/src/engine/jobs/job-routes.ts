import { ApiFailure, badParam, notFound } from '../api-failure.js';
import type { EngineContext } from '../context.js';
import type { Operation } from '../operation.js';
import type { Fields } from '../validation/check.js';
import { createJobInput, listJobsQuery } from '../validation/job-params.js';
import { type JobRecord, TERMINAL, toWire } from './job-record.js';
import * as transition from './transitions.js';

/** The stored job for a path id; any unknown or malformed id is 404 `resource_missing`. */
export function findJob(ctx: EngineContext, id: string): JobRecord {
  const record = ctx.jobs.byId.get(id);
  if (!record) throw notFound('job', id);
  return record;
}

/** POSTs without parameters accept an empty body or `{}` only. */
export function noParams(body: Fields | undefined): void {
  const key = body && Object.keys(body)[0];
  if (key !== undefined) {
    throw badParam(key, 'unknown parameter; this endpoint takes none', 'unknown_parameter');
  }
}

export const createJob: Operation = (ctx, { body, bodyChars }) => {
  const input = createJobInput(body!, bodyChars);
  ctx.chargeJob();
  return { status: 201, body: toWire(transition.createJob(ctx, input)) };
};

export const getJob: Operation = (ctx, { id }) => ({ status: 200, body: toWire(findJob(ctx, id)) });

/**
 * One page, newest first: seek the cursor's position in the smallest index the filters allow,
 * then walk down. The cost is O(log n) for the seek plus the items walked; with one filter (or
 * none) every item walked is returned. With several, the smallest index is walked and the other
 * filters tested on each item, so a page costs up to the number of that index's items between
 * the cursor and the page's last match.
 */
export const listJobs: Operation = (ctx, { query }) => {
  const q = listJobsQuery(query);
  const after = q.cursor === undefined ? undefined : ctx.cursors.decode(q.cursor, 'job_');
  const { index, rest } = ctx.jobs.plan(q);
  const jobs: JobRecord[] = [];
  let hasMore = false;
  for (const record of index.descending(after)) {
    if (!rest(record)) continue;
    if (jobs.length === q.limit) {
      hasMore = true;
      break;
    }
    jobs.push(record);
  }
  const last = jobs[jobs.length - 1];
  return {
    status: 200,
    body: {
      jobs: jobs.map(toWire),
      has_more: hasMore,
      next_cursor: hasMore && last ? ctx.cursors.encode(last) : null,
    },
  };
};

export const cancelJob: Operation = (ctx, { id, body }) => {
  const record = findJob(ctx, id);
  noParams(body);
  if (TERMINAL.has(record.job.state)) {
    throw new ApiFailure(
      409,
      'invalid_state',
      `Job ${id} is ${record.job.state} and cannot be cancelled`,
    );
  }
  transition.cancel(ctx, record);
  return { status: 200, body: toWire(record) };
};

export const retryJob: Operation = (ctx, { id, body }) => {
  const record = findJob(ctx, id);
  noParams(body);
  if (record.job.state !== 'failed' && record.job.state !== 'cancelled') {
    throw new ApiFailure(
      409,
      'invalid_state',
      `Job ${id} is ${record.job.state}; only failed or cancelled jobs can be retried`,
    );
  }
  transition.retry(ctx, record);
  return { status: 200, body: toWire(record) };
};

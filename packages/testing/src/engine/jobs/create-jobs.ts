import type { Job } from '@flare/core';
import { type BatchResult, batchItems, itemFields, keyedItem, settleEach } from '../batch.js';
import type { EngineContext } from '../context.js';
import type { Operation } from '../operation.js';
import type * as check from '../validation/check.js';
import { createJobInput } from '../validation/job-params.js';
import { type JobRecord, toWire } from './job-record.js';
import * as transition from './transitions.js';

/**
 * `POST /v1/jobs/batch`: each item is created as `POST /v1/jobs` would create it, in order, and
 * answered on its own. An item's `idempotency_key` shares the scope of an `Idempotency-Key` sent
 * to `POST /v1/jobs` (API key + `POST /v1/jobs` + key, 24 h), so the same key means the same job
 * through either endpoint and across batches.
 */
export const createJobs: Operation = (ctx, { body, bodyChars, apiKey, requestId }) => {
  const items = batchItems(body!);
  // Each created job as it was at creation (the engine replaces `record.job`, never edits it).
  const created: (Job | undefined)[] = new Array(items.length);
  // The item being settled: set just before `keyedItem` runs `create` for it.
  let index = 0;
  // One closure for the request, not one per item.
  const create = (params: check.Fields) => {
    const record = createdJob(ctx, params, bodyChars);
    created[index] = record.job;
    return { status: 201, job: toWire(record), replayed: false };
  };
  const results = settleEach(items, requestId, (item, i) => {
    index = i;
    return keyedItem(ctx, apiKey, '/v1/jobs', itemFields(item, i), create);
  });
  return { status: 200, body: { results }, replay: replayOf(results, created) };
};

/** `bodyChars`: the whole batch's text length, which bounds each item's (see `check.sized`). */
function createdJob(ctx: EngineContext, params: check.Fields, bodyChars: number): JobRecord {
  const input = createJobInput(params, bodyChars);
  ctx.chargeJob();
  return transition.createJob(ctx, input);
}

/**
 * The answer's replay (an `Idempotency-Key` on the batch), keeping no copy of a created job: its
 * `job` is the record's job as it was then (shared with the record until the job changes, since
 * the engine replaces `record.job` rather than editing it), copied afresh for each replay. The
 * other entries (errors, items replayed by their own key) are kept as answered.
 */
function replayOf(results: BatchResult[], created: (Job | undefined)[]): () => unknown {
  const others = results.map((result, i) => (created[i] ? undefined : result));
  return () => ({
    results: others.map(
      (other, i) => other ?? { status: 201, job: { ...created[i]! }, replayed: false },
    ),
  });
}

import { batchItems, itemFields, settleEach } from '../batch.js';
import { toWire } from '../jobs/job-record.js';
import { findJob } from '../jobs/job-routes.js';
import type { Operation } from '../operation.js';
import * as check from '../validation/check.js';
import * as params from '../validation/worker-params.js';
import * as attempt from './attempts.js';
import { leased } from './worker-routes.js';

// The batch forms of complete and fail: a worker acknowledges many finished jobs in one call.
// Each item is settled exactly as `POST /v1/jobs/{id}/complete` (or `/fail`) would settle it, in
// order, and answered on its own: a lost lease is that item's 409 `lease_lost`, nothing more.

/** The item's job, by its `id` field (404 `resource_missing` for that item when unknown). */
function itemJob(ctx: Parameters<Operation>[0], fields: check.Fields) {
  const { id, ...rest } = fields;
  const record = findJob(ctx, check.text(check.required(fields, 'id'), 'id', 1, 255));
  return { record, rest };
}

/** `POST /v1/jobs/complete`: up to 100 `{id, lease_id, result}`. */
export const completeJobs: Operation = (ctx, { body, requestId }) => {
  const results = settleEach(batchItems(body!), requestId, (item, index) => {
    const { record, rest } = itemJob(ctx, itemFields(item, index));
    const input = params.completeInput(rest);
    leased(ctx, record.id, input.leaseId);
    attempt.complete(ctx, record, input.result);
    return { status: 200, job: toWire(record) };
  });
  return { status: 200, body: { results } };
};

/** `POST /v1/jobs/fail`: up to 100 `{id, lease_id, error, retryable?, retry_in_ms?}`. */
export const failJobs: Operation = (ctx, { body, requestId }) => {
  const results = settleEach(batchItems(body!), requestId, (item, index) => {
    const { record, rest } = itemJob(ctx, itemFields(item, index));
    const input = params.failInput(rest);
    leased(ctx, record.id, input.leaseId);
    attempt.failAttempt(ctx, record, input.error, input);
    return { status: 200, job: toWire(record) };
  });
  return { status: 200, body: { results } };
};

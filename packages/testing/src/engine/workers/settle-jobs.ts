import { type BatchResult, batchItems, itemFields, keyedItem, settleEach } from '../batch.js';
import type { EngineContext } from '../context.js';
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

/**
 * Settles one item: its job by `id` (404 `resource_missing` for that item when unknown), under
 * its optional `idempotency_key` in the single call's scope (`POST /v1/jobs/{id}/<action>`), so a
 * worker's retried acknowledgement is replayed whether it went alone or in a batch.
 */
function settleItem(
  ctx: EngineContext,
  apiKey: string,
  action: 'complete' | 'fail',
  fields: check.Fields,
  settle: (record: ReturnType<typeof findJob>, rest: check.Fields) => void,
): BatchResult {
  const { id: _, ...keyed } = fields;
  const record = findJob(ctx, check.text(check.required(fields, 'id'), 'id', 1, 255));
  const { status, job } = keyedItem(
    ctx,
    apiKey,
    `/v1/jobs/${record.id}/${action}`,
    keyed,
    (rest) => {
      settle(record, rest);
      return { status: 200, job: toWire(record) };
    },
  );
  return { status, job };
}

/** `POST /v1/jobs/complete`: up to 100 `{id, lease_id, result, idempotency_key?}`. */
export const completeJobs: Operation = (ctx, { body, apiKey, requestId }) => {
  const results = settleEach(batchItems(body!), requestId, (item, index) =>
    settleItem(ctx, apiKey, 'complete', itemFields(item, index), (record, rest) => {
      const input = params.completeInput(rest);
      leased(ctx, record.id, input.leaseId);
      attempt.complete(ctx, record, input.result);
    }),
  );
  return { status: 200, body: { results } };
};

/** `POST /v1/jobs/fail`: up to 100 `{id, lease_id, error, retryable?, retry_in_ms?, idempotency_key?}`. */
export const failJobs: Operation = (ctx, { body, apiKey, requestId }) => {
  const results = settleEach(batchItems(body!), requestId, (item, index) =>
    settleItem(ctx, apiKey, 'fail', itemFields(item, index), (record, rest) => {
      const input = params.failInput(rest);
      leased(ctx, record.id, input.leaseId);
      attempt.failAttempt(ctx, record, input.error, input);
    }),
  );
  return { status: 200, body: { results } };
};

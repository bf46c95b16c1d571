import { batchItems, itemFields, keyedItem, settleEach } from '../batch.js';
import type { EngineContext } from '../context.js';
import type { Operation } from '../operation.js';
import type * as check from '../validation/check.js';
import { createJobInput } from '../validation/job-params.js';
import { toWire } from './job-record.js';
import * as transition from './transitions.js';

/**
 * `POST /v1/jobs/batch`: each item is created as `POST /v1/jobs` would create it, in order, and
 * answered on its own. An item's `idempotency_key` shares the scope of an `Idempotency-Key` sent
 * to `POST /v1/jobs` (API key + `POST /v1/jobs` + key, 24 h), so the same key means the same job
 * through either endpoint and across batches.
 */
export const createJobs: Operation = (ctx, { body, bodyChars, apiKey, requestId }) => {
  const items = batchItems(body!);
  // One closure for the request, not one per item.
  const create = (params: check.Fields) => created(ctx, params, bodyChars);
  const results = settleEach(items, requestId, (item, index) =>
    keyedItem(ctx, apiKey, '/v1/jobs', itemFields(item, index), create),
  );
  return { status: 200, body: { results } };
};

/** `bodyChars`: the whole batch's text length, which bounds each item's (see `check.sized`). */
function created(ctx: EngineContext, params: check.Fields, bodyChars: number) {
  const input = createJobInput(params, bodyChars);
  ctx.chargeJob();
  return { status: 201, job: toWire(transition.createJob(ctx, input)), replayed: false };
}

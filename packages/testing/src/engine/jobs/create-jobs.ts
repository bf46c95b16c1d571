import { ApiFailure } from '../api-failure.js';
import { batchItems, itemFields, settleEach } from '../batch.js';
import type { EngineContext } from '../context.js';
import type { Operation } from '../operation.js';
import * as check from '../validation/check.js';
import { createJobInput } from '../validation/job-params.js';
import { toWire } from './job-record.js';
import * as transition from './transitions.js';

/**
 * `POST /v1/jobs/batch`: each item is created as `POST /v1/jobs` would create it, in order, and
 * answered on its own. An item's `idempotency_key` shares the scope of an `Idempotency-Key` sent
 * to `POST /v1/jobs` (API key + `POST /v1/jobs` + key, 24 h), so the same key means the same job
 * through either endpoint and across batches.
 */
export const createJobs: Operation = (ctx, { body, apiKey, requestId }) => {
  const items = batchItems(body!);
  const results = settleEach(items, requestId, (item, index) =>
    createItem(ctx, apiKey, itemFields(item, index)),
  );
  return { status: 200, body: { results } };
};

function createItem(ctx: EngineContext, apiKey: string, fields: check.Fields) {
  const { idempotency_key: key, ...params } = fields;
  if (key === undefined) return created(ctx, params);
  const scope = `${apiKey}\nPOST\n/v1/jobs\n${check.text(key, 'idempotency_key', 1, 255, true)}`;
  let outcome: ReturnType<typeof ctx.idempotency.begin>;
  try {
    outcome = ctx.idempotency.begin(scope, params, ctx.now());
  } catch (error) {
    // The store names the header; here the key is the item's field.
    const e = error as ApiFailure;
    throw new ApiFailure(
      e.status,
      e.code,
      e.message.replace('Idempotency-Key', 'idempotency_key'),
      'idempotency_key',
    );
  }
  if (outcome.replay) {
    return { status: outcome.status, job: outcome.body, replayed: true };
  }
  let status = 500;
  let job: unknown;
  try {
    ({ status, job } = created(ctx, params));
    return { status, job, replayed: false };
  } catch (error) {
    if (error instanceof ApiFailure) status = error.status;
    throw error;
  } finally {
    ctx.idempotency.finish(scope, status, job);
  }
}

function created(ctx: EngineContext, params: check.Fields) {
  const input = createJobInput(params);
  ctx.chargeJob();
  return { status: 201, job: toWire(transition.createJob(ctx, input)), replayed: false };
}

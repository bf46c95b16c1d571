import { ApiFailure, badParam } from './api-failure.js';
import type { EngineContext } from './context.js';
import * as check from './validation/check.js';

/** The most items one batch request carries. */
export const MAX_BATCH_ITEMS = 100;
/**
 * A batch body may be up to 32 MiB, so that 100 items of the largest valid size fit: an item too
 * big is that item's own 400 `payload_too_large`, never the whole batch's.
 */
export const MAX_BATCH_BODY_CHARS = 32 * 1024 * 1024;

/** One entry of a batch answer: the item's success fields, or its error in the usual shape. */
export type BatchResult = { status: number } & Record<string, unknown>;

/**
 * The `jobs` list of a batch body: 1–100 items. Anything else about the request (an unknown
 * top-level key, a missing or malformed list) fails the whole request; each item is settled on
 * its own by `settleEach`.
 */
export function batchItems(body: check.Fields): unknown[] {
  check.onlyKeys(body, ['jobs']);
  const jobs = check.required(body, 'jobs');
  if (!Array.isArray(jobs) || jobs.length < 1 || jobs.length > MAX_BATCH_ITEMS) {
    throw badParam('jobs', `must be a list of 1–${MAX_BATCH_ITEMS} items`);
  }
  return jobs;
}

/**
 * An item as a JSON object. Its errors name params relative to the item (`payload`, `tags.3`):
 * the item's position in the answer says which item it is.
 */
export function itemFields(value: unknown, index: number): check.Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiFailure(400, 'parameter_invalid', `jobs.${index}: must be a JSON object`);
  }
  return value as check.Fields;
}

/**
 * Runs `run` on every item in order; an item's contract error becomes its entry
 * (`{status, error}`) and does not stop the others. Anything else is the fake's own bug and
 * fails the request (500).
 */
export function settleEach(
  items: unknown[],
  requestId: string,
  run: (item: unknown, index: number) => BatchResult,
): BatchResult[] {
  return items.map((item, index) => {
    try {
      return run(item, index);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      return { status: error.status, ...(error.body(requestId) as { error: unknown }) };
    }
  });
}

/**
 * Runs one item under its optional `idempotency_key`, in the scope an `Idempotency-Key` sent to
 * the single call at `path` has (API key + `POST` + `path` + key, 24 h), fingerprinted by the
 * item without the key: the same key and item is that first answer, replayed, whichever form
 * (single or batch) sent either. `run` gets the item without the key; only 2xx answers are kept.
 */
export function keyedItem<T extends { status: number; job: unknown }>(
  ctx: EngineContext,
  apiKey: string,
  path: string,
  fields: check.Fields,
  run: (params: check.Fields) => T,
): T | { status: number; job: unknown; replayed: true } {
  const key = fields.idempotency_key;
  // Most items carry no key: they are run as parsed, without a copy.
  if (key === undefined) return run(fields);
  const { idempotency_key: _, ...params } = fields;
  const scope = `${apiKey}\nPOST\n${path}\n${check.text(key, 'idempotency_key', 1, 255, true)}`;
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
  if (outcome.replay) return { status: outcome.status, job: outcome.body, replayed: true };
  let status = 500;
  let job: unknown;
  try {
    const answer = run(params);
    ({ status, job } = answer);
    return answer;
  } catch (error) {
    if (error instanceof ApiFailure) status = error.status;
    throw error;
  } finally {
    ctx.idempotency.finish(scope, status, job);
  }
}

import type { AnyJobDefinition } from '../definitions/define-job.js';
import { type TypedCreateJobParams, withJob } from '../definitions/typed-params.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import type { FlareError } from '../errors/flare-error.js';
import { invalid } from '../errors/invalid.js';
import type { Send } from '../http/api-response.js';
import { headerValue } from '../http/custom-headers.js';
import type { RequestOptions } from '../http/request-options.js';
import { jsonBody } from '../http/request-params.js';
import type { CreateJobParams, Job, JsonObject, PayloadShape } from '../types/job.js';

/**
 * One job of `createJobs`: `createJob`'s params plus an optional `idempotency_key`, which dedupes
 * this job across calls (and with `createJob`'s `idempotencyKey`) for 24 h.
 * @example
 * ```ts
 * const item: CreateJobsItem = { job_type: 'SendWelcomeEmail', payload: { userId: 42 }, idempotency_key: 'welcome-42' };
 * ```
 */
export type CreateJobsItem<TPayload extends PayloadShape = JsonObject> =
  CreateJobParams<TPayload> & {
    idempotency_key?: string | undefined;
  };

/**
 * One job of `createJobs` with a `defineJob` definition: `createJob`'s typed params plus an
 * optional `idempotency_key`. Its payload is checked by its own definition before anything is sent.
 * @example
 * ```ts
 * const item: TypedCreateJobsItem<typeof sendWelcome> = { job: sendWelcome, payload: { email } };
 * ```
 */
export type TypedCreateJobsItem<D extends AnyJobDefinition> = TypedCreateJobParams<D> & {
  idempotency_key?: string | undefined;
};

/**
 * One job's outcome: created (or, for a known `idempotency_key`, the job it made: `replayed`), or
 * the typed error for that job alone.
 * @example
 * ```ts
 * for (const r of await flare.createJobs(items)) {
 *   if (r.ok) console.log(r.job.id);
 *   else if (ValidationError.isInstance(r.error)) console.warn(r.error.param, r.error.message);
 * }
 * ```
 */
export type CreateJobsResult<TPayload extends PayloadShape = JsonObject, TResult = unknown> =
  | { ok: true; job: Job<TPayload, TResult>; replayed: boolean }
  | { ok: false; error: FlareError };

/**
 * Options of `createJobs`: each request's options, plus how many batch requests run at once.
 * `idempotencyKey`, when given (1–250 printable ASCII characters), keys batch `i` as
 * `<idempotencyKey>:<i>`, so the same call made again with the same items and key replays the
 * batches already done.
 * @example
 * ```ts
 * await flare.createJobs(items, { concurrency: 2, idempotencyKey: `fanout-${campaign.id}` });
 * ```
 */
export interface CreateJobsOptions extends RequestOptions {
  /**
   * Batch requests in flight at once (a whole number ≥ 1), default 8: when the round trip is what bounds a fan-out,
   * 8 × 100 jobs in flight is 12.5× the jobs of 64 single `createJob` calls in flight.
   */
  concurrency?: number | undefined;
}

/** `true` in the edge build, `false` elsewhere: tsup.config.ts. */
declare const __FLARE_EDGE__: boolean;

/** A batch answer's entry: the job (`status` 201, or 200 when replayed), or the item's error. */
interface Entry {
  status: number;
  job: Job;
  replayed: boolean;
}

/**
 * `FlareClient.createJobs`: the items in batches of 100 by position, `concurrency` batches at once.
 * A batch's items are checked as `createJob` checks them (a definition's schema included) just
 * before it is sent, so the first request does not wait for every item's check; an item that fails
 * is its own error result and is never sent. Batch `b` (items `100b` to `100b + 99`) of a call with
 * `idempotencyKey` is keyed `<idempotencyKey>:<b>`: the same items give the same batches, and a
 * changed item changes its own batch alone.
 */
export async function sendJobs(
  send: Send,
  items: readonly object[],
  { concurrency = 8, idempotencyKey, ...options }: CreateJobsOptions = {},
): Promise<CreateJobsResult[]> {
  if (!Array.isArray(items)) invalid('items must be an array', 'items');
  // A fraction (1.5 runs one batch at a time) or Infinity too, but not in the edge build, whose
  // bytes are budgeted (decision 0005).
  if (!(concurrency >= 1) || (!__FLARE_EDGE__ && !Number.isInteger(concurrency))) {
    invalid('concurrency must be a whole number >= 1', 'concurrency');
  }
  // Checked before it is suffixed: `{}` would key every call's batches "[object Object]:<b>".
  if (idempotencyKey !== undefined) headerValue(idempotencyKey, 'idempotencyKey', 250);
  const results: CreateJobsResult[] = [];
  let next = 0;
  let failure: [unknown] | undefined;
  const run = async () => {
    while (!failure && next < items.length) {
      const from = next;
      next += 100;
      // The batch's items that passed their checks, and their bodies.
      const batch: number[] = [];
      const bodies: string[] = [];
      for (let i = from; i < from + 100 && i < items.length; i++) {
        try {
          bodies.push(await withJob(items[i], (wire) => jsonBody(wire, 'createJobs')));
          batch.push(i);
        } catch (error) {
          results[i] = { ok: false, error: error as FlareError };
        }
      }
      // Nothing to send, or another batch failed while this one's items were being checked.
      if (!bodies[0] || failure) continue;
      try {
        // One key per batch for all its retries.
        const { data, headers, attempts } = await send<{ results: Entry[] }>(
          'POST',
          '/v1/jobs/batch',
          { ...options, idempotencyKey: idempotencyKey && `${idempotencyKey}:${from / 100}` },
          `{"jobs":[${bodies}]}`,
        );
        // A short answer (a server bug) throws reading the missing entry: the call rejects.
        batch.forEach((i, k) => {
          const e = data.results[k]!;
          results[i] = e.job
            ? { ok: true, job: e.job, replayed: e.replayed }
            : {
                ok: false,
                error: errorFromResponse(e.status, JSON.stringify(e), headers, { attempts }),
              };
        });
      } catch (error) {
        failure ??= [error];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length / 100 + 1) }, run));
  if (failure) throw failure[0];
  return results;
}

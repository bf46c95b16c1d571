import { errorFromResponse } from '../errors/error-from-response.js';
import type { FlareError } from '../errors/flare-error.js';
import { invalid } from '../errors/invalid.js';
import type { Send } from '../http/api-response.js';
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
export type CreateJobsResult<TPayload extends PayloadShape = JsonObject> =
  | { ok: true; job: Job<TPayload>; replayed: boolean }
  | { ok: false; error: FlareError };

/**
 * Options of `createJobs`: each request's options, plus how many batch requests run at once.
 * `idempotencyKey`, when given, keys batch `i` as `<idempotencyKey>:<i>`, so the same call made
 * again with the same key replays the batches already done.
 * @example
 * ```ts
 * await flare.createJobs(items, { concurrency: 8, idempotencyKey: `fanout-${campaign.id}` });
 * ```
 */
export interface CreateJobsOptions extends RequestOptions {
  /** Batch requests in flight at once, default 4. */
  concurrency?: number | undefined;
}

/** A batch answer's entry: the job, or the item's status and error. */
interface Entry {
  status: number;
  job?: Job;
  replayed: boolean;
}

/**
 * `createJobs`: batches of 100, at most `concurrency` in flight, results in the items' order. A
 * request-level failure stops new batches, waits for those in flight, then rejects. (Kept small:
 * it rides in every edge bundle that uses the client, see docs/decisions/0005.)
 */
export async function batchCreate<TPayload extends PayloadShape>(
  send: Send,
  items: readonly CreateJobsItem<TPayload>[],
  { concurrency = 4, idempotencyKey, ...options }: CreateJobsOptions = {},
): Promise<CreateJobsResult<TPayload>[]> {
  if (!Array.isArray(items)) invalid('items must be an array', 'items');
  if (!(concurrency >= 1)) invalid('concurrency must be >= 1', 'concurrency');
  const results: CreateJobsResult<TPayload>[] = [];
  const queue: [number, string][] = [];
  items.forEach((item, i) => {
    try {
      queue.push([i, jsonBody(item, 'createJobs')]);
    } catch (error) {
      // Unsendable (not an object, an Invalid Date, a cycle): this item's error; the rest go.
      results[i] = { ok: false, error: error as FlareError };
    }
  });
  let sent = 0;
  let failure: [unknown] | undefined;
  const run = async () => {
    while (!failure && sent < queue.length) {
      // One key per batch for all its retries; the caller's key makes it `<key>:<batch index>`.
      const key = `${idempotencyKey}:${sent / 100}`;
      const batch = queue.slice(sent, sent + 100);
      sent += 100;
      try {
        const res = await send<{ results: Entry[] }>(
          'POST',
          '/v1/jobs/batch',
          idempotencyKey === undefined ? options : { ...options, idempotencyKey: key },
          `{"jobs":[${batch.map((b) => b[1])}]}`,
        );
        // A short answer (a server bug) throws reading the missing entry: the call rejects.
        batch.forEach(([i], k) => {
          const e = res.data.results[k]!;
          results[i] = e.job
            ? { ok: true, job: e.job as Job<TPayload>, replayed: e.replayed }
            : {
                ok: false,
                error: errorFromResponse(e.status, JSON.stringify(e), res.headers, {
                  attempts: res.attempts,
                }),
              };
        });
      } catch (error) {
        failure ??= [error];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, run));
  if (failure) throw failure[0];
  return results;
}

import type { AnyJobDefinition } from '../definitions/define-job.js';
import {
  type PayloadOf,
  type ResultOf,
  type TypedCreateJobParams,
  withJob,
} from '../definitions/typed-params.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import type { FlareError } from '../errors/flare-error.js';
import { invalid } from '../errors/invalid.js';
import { clientSends } from '../http/client-sends.js';
import type { RequestOptions } from '../http/request-options.js';
import { jsonBody } from '../http/request-params.js';
import type { CreateJobParams, Job, JsonObject, PayloadShape } from '../types/job.js';
import type { FlareClient } from './flare-client.js';

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
 * for (const r of await createJobs(flare, items)) {
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
 * `idempotencyKey`, when given, keys batch `i` as `<idempotencyKey>:<i>`, so the same call made
 * again with the same key replays the batches already done.
 * @example
 * ```ts
 * await createJobs(flare, items, { concurrency: 8, idempotencyKey: `fanout-${campaign.id}` });
 * ```
 */
export interface CreateJobsOptions extends RequestOptions {
  /** Batch requests in flight at once, default 4. */
  concurrency?: number | undefined;
}

/** A batch answer's entry: the job (`status` 201, or 200 when replayed), or the item's error. */
interface Entry {
  status: number;
  job: Job;
  replayed: boolean;
}

/**
 * Enqueues any number of jobs, 100 per request (`POST /v1/jobs/batch`), `concurrency` requests
 * at once (default 4). Each item is checked as `createJob` checks it, its definition's schema
 * included, and one that fails is not sent. Resolves with one result per item, in order, to
 * branch on without try/catch: `{ ok: true, job, replayed }`, or `{ ok: false, error }` with the
 * typed error for that item alone (a `ValidationError` whose `param` names the field within the
 * item, `payload.email`, as the server names it; a `QuotaError`; a `ConflictError` for a reused
 * `idempotency_key`). Rejects only when a whole request fails (auth, network past retries), after
 * the requests in flight have settled; give items an `idempotency_key` to make re-running such a
 * call safe. A function of its own rather than a `FlareClient` method, so a bundle that never
 * batches (most edge Workers) does not carry it (docs/decisions/0005-edge-size-budget.md).
 * @example
 * ```ts
 * import { createJobs, FlareClient } from '@flare/node';
 * const results = await createJobs(
 *   new FlareClient(),
 *   users.map((u) => ({ job: sendWelcome, payload: { email: u.email }, idempotency_key: `welcome-${u.id}` })),
 * );
 * const failed = results.filter((r) => !r.ok);
 * ```
 */
export function createJobs<const D extends readonly AnyJobDefinition[]>(
  flare: FlareClient,
  items: { readonly [K in keyof D]: TypedCreateJobsItem<D[K]> },
  options?: CreateJobsOptions,
): Promise<{ -readonly [K in keyof D]: CreateJobsResult<PayloadOf<D[K]>, ResultOf<D[K]>> }>;
export function createJobs<TPayload extends PayloadShape = JsonObject>(
  flare: FlareClient,
  items: readonly CreateJobsItem<TPayload>[],
  options?: CreateJobsOptions,
): Promise<CreateJobsResult<TPayload>[]>;
export async function createJobs(
  flare: FlareClient,
  items: readonly object[],
  { concurrency = 4, idempotencyKey, ...options }: CreateJobsOptions = {},
): Promise<CreateJobsResult[]> {
  const send = clientSends.get(flare) ?? invalid('createJobs takes a FlareClient first', 'flare');
  if (!Array.isArray(items)) invalid('items must be an array', 'items');
  if (!(concurrency >= 1)) invalid('concurrency must be >= 1', 'concurrency');
  const results: CreateJobsResult[] = [];
  let next = 0;
  let failure: [unknown] | undefined;
  const run = async () => {
    while (!failure && next < items.length) {
      const n = next;
      next += 100;
      // Each item checked as createJob checks it, into its body, or its own error result.
      const batch: [number, string][] = [];
      await Promise.all(
        items.slice(n, next).map(async (item, k) => {
          try {
            batch.push([n + k, await withJob(item, async (wire) => jsonBody(wire, 'createJobs'))]);
          } catch (error) {
            results[n + k] = { ok: false, error: error as FlareError };
          }
        }),
      );
      if (!batch[0]) continue;
      try {
        // One key per batch for all its retries; the caller's key makes it `<key>:<batch index>`.
        const { data, headers, attempts } = await send<{ results: Entry[] }>(
          'POST',
          '/v1/jobs/batch',
          { ...options, idempotencyKey: idempotencyKey && `${idempotencyKey}:${n / 100}` },
          `{"jobs":[${batch.map((b) => b[1])}]}`,
        );
        // A short answer (a server bug) throws reading the missing entry: the call rejects.
        batch.forEach(([i], k) => {
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

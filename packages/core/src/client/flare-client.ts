import type { AnyJobDefinition } from '../definitions/define-job.js';
import {
  type PayloadOf,
  type ResultOf,
  type TypedCreateJobParams,
  type TypedCreateScheduleParams,
  type TypedUpdateScheduleParams,
  withJob,
} from '../definitions/typed-params.js';
import type { Send } from '../http/api-response.js';
import { clientSends } from '../http/client-sends.js';
import { type FlarePromise, flarePromise } from '../http/flare-promise.js';
import type { RequestOptions } from '../http/request-options.js';
import { jsonBody, pathId, queryString } from '../http/request-params.js';
import { requester } from '../http/requester.js';
import { type JobListPromise, type ListPromise, listPromise } from '../pagination/list-promise.js';
import type {
  CreateJobParams,
  Job,
  JobPage,
  JsonObject,
  ListJobsParams,
  PayloadShape,
} from '../types/job.js';
import type {
  CreateScheduleParams,
  DeletedSchedule,
  ListSchedulesParams,
  Schedule,
  SchedulePage,
  UpdateScheduleParams,
} from '../types/schedule.js';
import {
  type CreateJobsItem,
  type CreateJobsOptions,
  type CreateJobsResult,
  sendJobs,
  type TypedCreateJobsItem,
} from './create-jobs.js';
import type { FlareClientOptions } from './options.js';
import { resolveConfig } from './resolve-config.js';

/**
 * The Flare API client. Methods mirror the endpoints one to one, take and return wire-format
 * (`snake_case`) objects, retry safely (every POST carries an `Idempotency-Key`) and throw typed
 * errors. Parameters are validated by the server: a bad one rejects with a `ValidationError`
 * whose `param` names it.
 *
 * @example
 * ```ts
 * const flare = new FlareClient(); // reads FLARE_API_KEY where there is a process.env (Node, Vercel Edge)
 * // Cloudflare Workers have no process.env: new FlareClient({ apiKey: env.FLARE_API_KEY }) in fetch()
 * const job = await flare.createJob({ job_type: 'SendWelcomeEmail', payload: { email } });
 * console.log(job.id, job.state); // "job_01JD…", "pending"
 * ```
 */
export class FlareClient {
  readonly #send: Send;
  /** The API origin this client talks to. */
  readonly baseUrl: string;

  constructor(options: FlareClientOptions = {}) {
    const config = resolveConfig(options);
    this.baseUrl = config.baseUrl;
    this.#send = requester(config);
    // Registered for FlareWorker (see client-sends.ts).
    clientSends.set(this, this.#send);
  }

  /**
   * Enqueues a job. `POST /v1/jobs` → the created job (`pending`, or `scheduled` for a future `run_at`).
   * With a `defineJob` definition as `job`, the payload is typed by its schema and checked before
   * anything is sent (a failure is a `ValidationError` whose `param` is e.g. `payload.email`).
   * @example
   * ```ts
   * const job = await flare.createJob(
   *   { job_type: 'SendWelcomeEmail', payload: { email: 'alice@example.com' }, max_attempts: 5 },
   *   { idempotencyKey: `welcome-${userId}` },
   * );
   * await flare.createJob({ job: sendWelcome, payload: { email: 'alice@example.com' } });
   * ```
   */
  createJob<D extends AnyJobDefinition>(
    params: TypedCreateJobParams<D>,
    options?: RequestOptions,
  ): FlarePromise<Job<PayloadOf<D>, ResultOf<D>>>;
  createJob<TPayload extends PayloadShape = JsonObject>(
    params: CreateJobParams<TPayload>,
    options?: RequestOptions,
  ): FlarePromise<Job<TPayload>>;
  createJob(params: object, options?: RequestOptions): FlarePromise<Job> {
    return flarePromise(() =>
      withJob(params, (wire) =>
        this.#send('POST', '/v1/jobs', options, jsonBody(wire, 'createJob')),
      ),
    );
  }

  /**
   * Enqueues any number of jobs, 100 per request (`POST /v1/jobs/batch`), `concurrency` requests
   * at once (default 8); batch `b` holds items `100b` to `100b + 99`. A batch's items are checked
   * as `createJob` checks them, their definitions' schemas included, just before it is sent, and
   * one that fails is not sent. Resolves with one result per item, in order, to branch on without
   * try/catch: `{ ok: true, job, replayed }`, or `{ ok: false, error }` with the typed error for
   * that item alone (a `ValidationError` whose `param` names the field within the item,
   * `payload.email`, as the server names it; a `QuotaError`; a `ConflictError` for a reused
   * `idempotency_key`). Rejects only when a whole request fails (auth, network past retries),
   * after the requests in flight have settled; give items an `idempotency_key` to make re-running
   * such a call safe.
   * @example
   * ```ts
   * const results = await flare.createJobs(
   *   users.map((u) => ({ job: sendWelcome, payload: { email: u.email }, idempotency_key: `welcome-${u.id}` })),
   * );
   * const failed = results.filter((r) => !r.ok);
   * ```
   */
  createJobs<const D extends readonly AnyJobDefinition[]>(
    items: { readonly [K in keyof D]: TypedCreateJobsItem<D[K]> },
    options?: CreateJobsOptions,
  ): Promise<{ -readonly [K in keyof D]: CreateJobsResult<PayloadOf<D[K]>, ResultOf<D[K]>> }>;
  createJobs<TPayload extends PayloadShape = JsonObject>(
    items: readonly CreateJobsItem<TPayload>[],
    options?: CreateJobsOptions,
  ): Promise<CreateJobsResult<TPayload>[]>;
  createJobs(items: readonly object[], options?: CreateJobsOptions): Promise<CreateJobsResult[]> {
    return sendJobs(this.#send, items, options);
  }

  /**
   * Fetches a job; resolves `null` when it does not exist.
   * @example
   * ```ts
   * const job = await flare.getJob<{ email: string }, { messageId: string }>('job_01JD…');
   * if (job?.state === 'succeeded') console.log(job.result?.messageId);
   * ```
   */
  getJob<TPayload extends PayloadShape = JsonObject, TResult = unknown>(
    id: string,
    options?: RequestOptions,
  ): FlarePromise<Job<TPayload, TResult> | null> {
    // A missing job is an answer, not a failure.
    return flarePromise(() =>
      this.#send<Job<TPayload, TResult> | null>(
        'GET',
        `/v1/jobs/${pathId(id, 'job')}`,
        options,
        undefined,
        true,
      ),
    );
  }

  /**
   * Lists jobs, newest first. Await it for one page; `for await` it for every job of every page.
   * @example
   * ```ts
   * const page: JobPage = await flare.listJobs({ state: 'failed', limit: 25 });
   * for await (const job of flare.listJobs({ queue: 'emails' })) console.log(job.id);
   * ```
   */
  listJobs<TPayload extends PayloadShape = JsonObject, TResult = unknown>(
    params: ListJobsParams = {},
    options?: RequestOptions,
  ): JobListPromise<TPayload, TResult> {
    return listPromise(
      (cursor) =>
        this.#send<JobPage<TPayload, TResult>>(
          'GET',
          `/v1/jobs${queryString({ ...params, cursor })}`,
          options,
        ),
      params,
      'jobs',
      'listJobs',
    );
  }

  /**
   * Cancels a job that has not finished; 409 `invalid_state` (`ConflictError`) when it has.
   * @example
   * ```ts
   * const job = await flare.cancelJob('job_01JD…'); // job.state === 'cancelled'
   * ```
   */
  cancelJob<TPayload extends PayloadShape = JsonObject, TResult = unknown>(
    id: string,
    options?: RequestOptions,
  ): FlarePromise<Job<TPayload, TResult>> {
    return flarePromise(() => this.#send('POST', `/v1/jobs/${pathId(id, 'job')}/cancel`, options));
  }

  /**
   * Puts a `failed` or `cancelled` job back to `pending` with its attempts reset.
   * @example
   * ```ts
   * const job = await flare.retryJob('job_01JD…'); // job.state === 'pending'
   * ```
   */
  retryJob<TPayload extends PayloadShape = JsonObject, TResult = unknown>(
    id: string,
    options?: RequestOptions,
  ): FlarePromise<Job<TPayload, TResult>> {
    return flarePromise(() => this.#send('POST', `/v1/jobs/${pathId(id, 'job')}/retry`, options));
  }

  /**
   * Creates a recurring job. With a `key` that exists, updates that schedule in place instead
   * (same `id`; `withResponse()` shows 200 rather than 201). A `defineJob` definition may stand
   * in for `job_type`, as in `createJob`.
   * @example
   * ```ts
   * const s = await flare.createSchedule({ cron: '0 9 * * MON-FRI', timezone: 'Europe/Paris', job_type: 'Digest' });
   * ```
   */
  createSchedule<D extends AnyJobDefinition>(
    params: TypedCreateScheduleParams<D>,
    options?: RequestOptions,
  ): FlarePromise<Schedule<PayloadOf<D>>>;
  createSchedule<TPayload extends PayloadShape = JsonObject>(
    params: CreateScheduleParams<TPayload>,
    options?: RequestOptions,
  ): FlarePromise<Schedule<TPayload>>;
  createSchedule(params: object, options?: RequestOptions): FlarePromise<Schedule> {
    return flarePromise(() =>
      withJob(params, (wire) =>
        this.#send('POST', '/v1/schedules', options, jsonBody(wire, 'createSchedule')),
      ),
    );
  }

  /**
   * Fetches a schedule; resolves `null` when it does not exist.
   * @example
   * ```ts
   * const s = await flare.getSchedule('sch_01JD…');
   * console.log(s?.next_run_at);
   * ```
   */
  getSchedule<TPayload extends PayloadShape = JsonObject>(
    id: string,
    options?: RequestOptions,
  ): FlarePromise<Schedule<TPayload> | null> {
    return flarePromise(() =>
      this.#send('GET', `/v1/schedules/${pathId(id, 'schedule')}`, options, undefined, true),
    );
  }

  /**
   * Lists schedules, newest first: await it for a page, `for await` it for every schedule.
   * @example
   * ```ts
   * for await (const s of flare.listSchedules({ paused: true })) console.log(s.key ?? s.id);
   * ```
   */
  listSchedules<TPayload extends PayloadShape = JsonObject>(
    params: ListSchedulesParams = {},
    options?: RequestOptions,
  ): ListPromise<SchedulePage<TPayload>, Schedule<TPayload>> {
    return listPromise(
      (cursor) =>
        this.#send<SchedulePage<TPayload>>(
          'GET',
          `/v1/schedules${queryString({ ...params, cursor })}`,
          options,
        ),
      params,
      'schedules',
      'listSchedules',
    );
  }

  /**
   * Changes the given fields of a schedule (`payload` and `tags` are replaced whole);
   * `next_run_at` is recomputed. A `defineJob` definition may stand in for `job_type`, with the
   * payload it types and checks, as in `createSchedule`.
   * @example
   * ```ts
   * await flare.updateSchedule('sch_01JD…', { cron: '0 8 * * *', overlap: 'skip' });
   * await flare.updateSchedule('sch_01JD…', { job: digest, payload: { list: 'vip' } });
   * ```
   */
  updateSchedule<D extends AnyJobDefinition>(
    id: string,
    params: TypedUpdateScheduleParams<D>,
    options?: RequestOptions,
  ): FlarePromise<Schedule<PayloadOf<D>>>;
  updateSchedule<TPayload extends PayloadShape = JsonObject>(
    id: string,
    params: UpdateScheduleParams<TPayload>,
    options?: RequestOptions,
  ): FlarePromise<Schedule<TPayload>>;
  updateSchedule(id: string, params: object, options?: RequestOptions): FlarePromise<Schedule> {
    return flarePromise(() =>
      withJob(params, (wire) =>
        this.#send(
          'POST',
          `/v1/schedules/${pathId(id, 'schedule')}`,
          options,
          jsonBody(wire, 'updateSchedule'),
        ),
      ),
    );
  }

  /**
   * Deletes a schedule; jobs it already enqueued are untouched.
   * @example
   * ```ts
   * const { deleted } = await flare.deleteSchedule('sch_01JD…');
   * ```
   */
  deleteSchedule(id: string, options?: RequestOptions): FlarePromise<DeletedSchedule> {
    return flarePromise(() =>
      this.#send('DELETE', `/v1/schedules/${pathId(id, 'schedule')}`, options),
    );
  }

  /**
   * Pauses a schedule: its ticks are skipped until it is resumed (idempotent).
   * @example
   * ```ts
   * const s = await flare.pauseSchedule('sch_01JD…'); // s.paused === true, s.next_run_at === null
   * ```
   */
  pauseSchedule<TPayload extends PayloadShape = JsonObject>(
    id: string,
    options?: RequestOptions,
  ): FlarePromise<Schedule<TPayload>> {
    return flarePromise(() =>
      this.#send('POST', `/v1/schedules/${pathId(id, 'schedule')}/pause`, options),
    );
  }

  /**
   * Resumes a paused schedule from now: ticks missed while paused are not back-filled.
   * @example
   * ```ts
   * const s = await flare.resumeSchedule('sch_01JD…'); // s.next_run_at: the next tick after now
   * ```
   */
  resumeSchedule<TPayload extends PayloadShape = JsonObject>(
    id: string,
    options?: RequestOptions,
  ): FlarePromise<Schedule<TPayload>> {
    return flarePromise(() =>
      this.#send('POST', `/v1/schedules/${pathId(id, 'schedule')}/resume`, options),
    );
  }
}

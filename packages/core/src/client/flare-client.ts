import type { ApiResponse, Send } from '../http/api-response.js';
import { clientSends } from '../http/client-sends.js';
import { type FlarePromise, flarePromise } from '../http/flare-promise.js';
import type { RequestOptions } from '../http/request-options.js';
import { checkObject, jsonBody, pathId, queryString } from '../http/request-params.js';
import { nullOnNotFound, requester } from '../http/requester.js';
import { type JobListPromise, listPromise } from '../pagination/list-promise.js';
import type {
  CreateJobParams,
  Job,
  JobPage,
  JsonObject,
  ListJobsParams,
  PayloadShape,
} from '../types/job.js';
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
   * @example
   * ```ts
   * const job = await flare.createJob(
   *   { job_type: 'SendWelcomeEmail', payload: { email: 'alice@example.com' }, max_attempts: 5 },
   *   { idempotencyKey: `welcome-${userId}` },
   * );
   * ```
   */
  createJob<TPayload extends PayloadShape = JsonObject>(
    params: CreateJobParams<TPayload>,
    options?: RequestOptions,
  ): FlarePromise<Job<TPayload>> {
    return call(() => this.#send('POST', '/v1/jobs', options, jsonBody(params, 'createJob')));
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
    return call(() =>
      nullOnNotFound(
        this.#send<Job<TPayload, TResult>>('GET', `/v1/jobs/${pathId(id, 'job')}`, options),
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
    const page = (cursor: string | undefined) =>
      this.#send<JobPage<TPayload, TResult>>(
        'GET',
        `/v1/jobs${queryString({ ...params, cursor })}`,
        options,
      );
    const first = settle(() => {
      checkObject(params, 'listJobs');
      return page(params.cursor);
    });
    return listPromise(first, page, 'jobs');
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
    return call(() => this.#send('POST', `/v1/jobs/${pathId(id, 'job')}/cancel`, options));
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
    return call(() => this.#send('POST', `/v1/jobs/${pathId(id, 'job')}/retry`, options));
  }

  /** Never serialises the API key. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }
}

/** Runs `run` now, turning a synchronous throw (a bad argument) into a rejection. */
function settle<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}

function call<T>(run: () => Promise<ApiResponse<T>>): FlarePromise<T> {
  return flarePromise(settle(run));
}

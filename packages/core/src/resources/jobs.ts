import { type FlarePromise, flarePromise } from '../client/flare-promise.js';
import type { RequestOptions } from '../client/options.js';
import { NotFoundError } from '../errors/api-errors.js';
import type { ApiResponse, Requester } from '../http/requester.js';
import { type JobListPromise, jobListPromise } from '../pagination/job-list-promise.js';
import type { CreateJobParams, Job, JobPage, JsonObject, ListJobsParams } from '../types/job.js';
import * as check from './validate-params.js';

const CREATE_KEYS = ['job_type', 'payload', 'queue', 'max_attempts', 'run_at', 'tags'] as const;
const LIST_KEYS = ['state', 'queue', 'job_type', 'tag', 'limit', 'cursor'] as const;

/** The jobs endpoints; `FlareClient` exposes them as flat methods. */
export class Jobs {
  readonly #http: Requester;

  constructor(http: Requester) {
    this.#http = http;
  }

  create<TPayload extends JsonObject>(
    params: CreateJobParams<TPayload>,
    options?: RequestOptions,
  ): FlarePromise<Job<TPayload>> {
    return this.#call(() => {
      check.checkKeys(params, CREATE_KEYS, 'createJob');
      check.checkJobType(params.job_type);
      check.checkPayload(params.payload);
      if (params.queue !== undefined) check.checkJobType(params.queue, 'queue');
      check.checkInt('max_attempts', params.max_attempts, 1, 25);
      check.checkRunAt(params.run_at);
      check.checkTags(params.tags);
      return this.#http.request({ method: 'POST', path: '/v1/jobs', body: params }, options);
    });
  }

  get<TPayload extends JsonObject, TResult>(
    id: string,
    options?: RequestOptions,
  ): FlarePromise<Job<TPayload, TResult> | null> {
    return this.#call(async () => {
      const path = `/v1/jobs/${check.pathId(id)}`;
      try {
        return await this.#http.request<Job<TPayload, TResult>>({ method: 'GET', path }, options);
      } catch (error) {
        // A missing job is an answer, not a failure.
        if (NotFoundError.isInstance(error)) return { ...metaOf(error), data: null };
        throw error;
      }
    });
  }

  list<TPayload extends JsonObject, TResult>(
    params: ListJobsParams = {},
    options?: RequestOptions,
  ): JobListPromise<TPayload, TResult> {
    const fetchPage = (cursor: string | undefined) =>
      this.#http.request<JobPage<TPayload, TResult>>(
        { method: 'GET', path: '/v1/jobs', query: { ...params, cursor } },
        options,
      );
    const first = settle(() => {
      check.checkKeys(params, LIST_KEYS, 'listJobs');
      check.checkState(params.state);
      if (params.queue !== undefined) check.checkJobType(params.queue, 'queue');
      if (params.job_type !== undefined) check.checkJobType(params.job_type);
      check.checkString('tag', params.tag, 64);
      check.checkInt('limit', params.limit, 1, 100);
      check.checkString('cursor', params.cursor, 1024);
      return fetchPage(params.cursor);
    });
    return jobListPromise(first, fetchPage);
  }

  cancel(id: string, options?: RequestOptions): FlarePromise<Job> {
    return this.#call(() =>
      this.#http.request({ method: 'POST', path: `/v1/jobs/${check.pathId(id)}/cancel` }, options),
    );
  }

  retry(id: string, options?: RequestOptions): FlarePromise<Job> {
    return this.#call(() =>
      this.#http.request({ method: 'POST', path: `/v1/jobs/${check.pathId(id)}/retry` }, options),
    );
  }

  #call<T>(run: () => Promise<ApiResponse<T>>): FlarePromise<T> {
    return flarePromise(settle(run));
  }
}

/** Runs `run`, turning a synchronous throw (a validation error) into a rejection. */
function settle<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}

function metaOf(error: NotFoundError) {
  return {
    requestId: error.requestId,
    status: 404,
    headers: error.headers ?? { get: () => null },
    attempts: error.attempts ?? 1,
    idempotencyKey: undefined,
    replayed: false,
  };
}

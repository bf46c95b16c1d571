/** A job's lifecycle state. */
export type JobState = 'scheduled' | 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Any JSON value. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object, the shape of a job payload. */
export type JsonObject = { [key: string]: unknown };

/** Progress a worker reported through a heartbeat. */
export interface JobProgress {
  percent: number;
  message: string | null;
  updated_at: string;
}

/** The last failed attempt's error. */
export interface JobLastError {
  message: string;
  type: string | null;
}

/**
 * A Flare job, exactly as on the wire (`snake_case`). `TPayload` types `payload`,
 * `TResult` types `result`.
 * @example
 * ```ts
 * const job: Job<{ email: string }> = await flare.createJob({ job_type: 'SendEmail', payload: { email } });
 * ```
 */
export interface Job<TPayload extends JsonObject = JsonObject, TResult = unknown> {
  id: string;
  object: 'job';
  job_type: string;
  queue: string;
  state: JobState;
  payload: TPayload;
  result: TResult | null;
  tags: string[];
  attempts: number;
  max_attempts: number;
  progress: JobProgress | null;
  last_error: JobLastError | null;
  run_at: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/**
 * Parameters of `createJob`, in wire format.
 * @example
 * ```ts
 * const params: CreateJobParams = { job_type: 'SendEmail', payload: { to: 'a@b.c' }, max_attempts: 5 };
 * ```
 */
export interface CreateJobParams<TPayload extends JsonObject = JsonObject> {
  /** 1–128 characters of `[A-Za-z0-9_.:-]`. */
  job_type: string;
  /** A JSON object, at most 256 KiB serialised. */
  payload?: TPayload;
  /** Queue name; the server defaults to `"default"`. */
  queue?: string;
  /** 1–25; the server defaults to 3. */
  max_attempts?: number;
  /** RFC 3339 timestamp (or a `Date`); in the future the job starts `scheduled`. */
  run_at?: string | Date;
  /** At most 10 tags of at most 64 characters. */
  tags?: string[];
}

/**
 * Filters and paging of `listJobs`.
 * @example
 * ```ts
 * const page = await flare.listJobs({ state: 'failed', limit: 25 });
 * ```
 */
export interface ListJobsParams {
  state?: JobState;
  queue?: string;
  job_type?: string;
  tag?: string;
  /** 1–100, default 20. */
  limit?: number;
  /** The `next_cursor` of the previous page. */
  cursor?: string;
}

/** One page of `listJobs`, exactly as on the wire: newest first. */
export interface JobPage<TPayload extends JsonObject = JsonObject, TResult = unknown> {
  jobs: Job<TPayload, TResult>[];
  has_more: boolean;
  next_cursor: string | null;
}

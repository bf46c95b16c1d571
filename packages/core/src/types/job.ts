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

/**
 * What a payload type parameter may be: any object type, an `interface` included. An interface
 * has no index signature, so `JsonObject` (values `unknown`) would refuse it; an index signature
 * of `any` accepts it. Unset, payloads are still typed `JsonObject`.
 * @example
 * ```ts
 * interface WelcomeEmail { email: string }
 * await flare.createJob<WelcomeEmail>({ job_type: 'SendWelcomeEmail', payload: { email } });
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: the one index-signature type an interface satisfies
export type PayloadShape = { [key: string]: any };

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
export interface Job<TPayload extends PayloadShape = JsonObject, TResult = unknown> {
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
  /** The schedule that enqueued this job (`sch_…`); `null` for a job not made by a schedule. */
  schedule_id: string | null;
  /**
   * The tick this job stands for (UTC), e.g. 09:00 for a daily 09:00 digest that runs late;
   * `null` for a job not made by a schedule.
   */
  scheduled_for: string | null;
}

/**
 * Parameters of `createJob`, in wire format.
 * @example
 * ```ts
 * const params: CreateJobParams = { job_type: 'SendEmail', payload: { to: 'a@b.c' }, max_attempts: 5 };
 * ```
 */
export interface CreateJobParams<TPayload extends PayloadShape = JsonObject> {
  /** 1–128 characters of `[A-Za-z0-9_.:-]`. */
  job_type: string;
  /** A JSON object, at most 256 KiB serialised. */
  payload?: TPayload | undefined;
  /** Queue name; the server defaults to `"default"`. */
  queue?: string | undefined;
  /** 1–25; the server defaults to 3. */
  max_attempts?: number | undefined;
  /**
   * RFC 3339 timestamp (or a valid `Date`); in the future the job starts `scheduled`. `null`, like
   * leaving it out, means now (so a job's own `run_at` can be passed back).
   */
  run_at?: string | Date | null | undefined;
  /** At most 10 tags of at most 64 characters. */
  tags?: readonly string[] | undefined;
}

/**
 * Filters and paging of `listJobs`.
 * @example
 * ```ts
 * const page = await flare.listJobs({ state: 'failed', limit: 25 });
 * ```
 */
export interface ListJobsParams {
  state?: JobState | undefined;
  queue?: string | undefined;
  job_type?: string | undefined;
  tag?: string | undefined;
  /** 1–100, default 20. */
  limit?: number | undefined;
  /** The `next_cursor` of the previous page. */
  cursor?: string | undefined;
}

/** One page of `listJobs`, exactly as on the wire: newest first. */
export interface JobPage<TPayload extends PayloadShape = JsonObject, TResult = unknown> {
  jobs: Job<TPayload, TResult>[];
  has_more: boolean;
  next_cursor: string | null;
}

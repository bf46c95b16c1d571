import type { FlareClient } from '../client/flare-client.js';
import type { AnyJobDefinition, JobDefinition } from '../definitions/define-job.js';
import type { Job, JsonObject, PayloadShape } from '../types/job.js';
import type { FlareLogger, FlareLogLevel } from '../types/observability.js';

/** The lease a claim hands out: only its holder may heartbeat, complete, fail or release the job. */
export interface JobLease {
  id: string;
  expires_at: string;
}

/**
 * A job as a claim returns it: `running`, `attempts` already counting this attempt, with its lease.
 * @example
 * ```ts
 * const handler = async (job: ClaimedJob<{ email: string }>) => send(job.payload.email);
 * ```
 */
export interface ClaimedJob<TPayload extends PayloadShape = JsonObject> extends Job<TPayload> {
  lease: JobLease;
}

/**
 * What a handler gets besides the job.
 * @example
 * ```ts
 * async (job, ctx) => {
 *   ctx.progress(50, 'half way');
 *   await fetch(url, { signal: ctx.signal, headers: { 'Idempotency-Key': job.id } });
 * }
 * ```
 */
export interface JobContext<TPayload extends PayloadShape = JsonObject> {
  /** The job being run. */
  job: ClaimedJob<TPayload>;
  /** This attempt's number, from 1 (the job's `attempts`). */
  attempt: number;
  /**
   * Aborts when the job must stop: its lease was lost or could not be renewed (the reason is a
   * `LeaseLostError`; cancelling the job ends up here within a heartbeat interval), or the worker
   * shut down before the handler finished (a `WorkerStoppedError`). Pass it to every wait.
   */
  signal: AbortSignal;
  /** Records progress (0–100, message up to 1 024 characters); the latest value rides the next heartbeat. */
  progress(percent: number, message?: string): void;
  /** The worker's id, as sent with its claims. */
  workerId: string;
}

/**
 * Runs one job. Its return value (any JSON; `undefined` is `null`) becomes the job's result; a
 * throw fails the attempt (`NonRetryableError`: the job; `RetryLaterError`: retry after `delayMs`).
 * @example
 * ```ts
 * const sendWelcome: JobHandler<{ email: string }> = async (job, ctx) => {
 *   return { message_id: await send(job.payload.email, { signal: ctx.signal }) };
 * };
 * ```
 */
export type JobHandler<TPayload extends PayloadShape = JsonObject> = (
  job: ClaimedJob<TPayload>,
  ctx: JobContext<TPayload>,
) => unknown;

/**
 * Handlers by job type. Annotate a handler's job to type its payload.
 * @example
 * ```ts
 * const handlers: JobHandlers = { Resize: async (job: ClaimedJob<{ url: string }>) => resize(job.payload.url) };
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: lets each handler annotate its own payload type
export type JobHandlers = Record<string, JobHandler<any>>;

/**
 * The handler of a `defineJob` definition (see `worker.handle`): it gets the payload as the
 * definition's schema parsed it (defaults and transforms applied; `ctx.job.payload` is the same
 * value), and must return the definition's result type when it declares one.
 * @example
 * ```ts
 * const run: DefinedJobHandler<typeof sendWelcome> = async (payload, ctx) => ({
 *   messageId: await send(payload.email, { signal: ctx.signal }),
 * });
 * ```
 */
export type DefinedJobHandler<D extends AnyJobDefinition> =
  // Not distributive: a union of definitions gets one handler of the union of their payloads.
  [D] extends [JobDefinition<infer P, infer R, infer _I>]
    ? (payload: P, ctx: JobContext<P>) => R | PromiseLike<R>
    : never;

/**
 * Where the worker writes its log lines when given one: the client's `FlareLogger` shape
 * (`console`, pino, winston fit), each method optional (docs/decisions/0011-observability.md).
 * @example
 * ```ts
 * new FlareWorker({ handlers, logger: console, logLevel: 'debug' });
 * ```
 */
export type WorkerLogger = Partial<FlareLogger>;

/**
 * Options of `new FlareWorker(options)`. The job types come from `handlers` and/or
 * `worker.handle(definition, handler)`; every option has a default.
 * @example
 * ```ts
 * const options: FlareWorkerOptions = { handlers: { Ping: () => 'pong' }, concurrency: 4 };
 * ```
 */
export interface FlareWorkerOptions {
  /**
   * Job types this worker runs, each with its handler; only the types it has a handler for (here
   * or through `worker.handle()`) are claimed.
   */
  handlers?: JobHandlers | undefined;
  /** Default `new FlareClient()` (reads `FLARE_API_KEY`). */
  client?: FlareClient | undefined;
  /** Queues to claim from (no priority between them). Default `['default']`. */
  queues?: readonly string[] | undefined;
  /** Most jobs running at once. Default 10. */
  concurrency?: number | undefined;
  /** Lease length, 5–3600 s; renewed every third of it. Default 60. */
  leaseSeconds?: number | undefined;
  /** Long-poll wait of a claim, 100–20 000 ms. Default 20 000. */
  pollWaitMs?: number | undefined;
  /** Grace for running jobs on `close()` before they are aborted and released. Default 30 000. */
  shutdownTimeoutMs?: number | undefined;
  /** Sent with claims (1–128 printable ASCII). Default: host/pid where known, else random. */
  workerId?: string | undefined;
  /**
   * Opt-in log lines (e.g. `console`): each job's routine steps at `debug` (claimed, started,
   * succeeded, a failure that will be retried, released), a retried claim or heartbeat at `info`
   * (with start and stop), a job given up or lost at `warn`.
   */
  logger?: WorkerLogger | undefined;
  /** Lowest level written to `logger`. Default: `FLARE_LOG` where there is one, else `info`. */
  logLevel?: FlareLogLevel | undefined;
}

/**
 * Options of `worker.drain()`.
 * @example
 * ```ts
 * await worker.drain({ deadlineMs: 25_000, maxJobs: 100 });
 * ```
 */
export interface DrainOptions {
  /** The drain resolves within this many ms (release included). */
  deadlineMs: number;
  /** Claim at most this many jobs. Default: no limit. */
  maxJobs?: number | undefined;
}

/**
 * What `drain()` did.
 * @example
 * ```ts
 * const { succeeded, failed, released } = await worker.drain({ deadlineMs: 25_000 });
 * ```
 */
export interface DrainSummary {
  claimed: number;
  succeeded: number;
  failed: number;
  /** Given back unfinished at the deadline. */
  released: number;
  /** Lost their lease (cancelled, expired) or their result could not be delivered. */
  lost: number;
  /** Why claiming stopped: the queues were empty, `maxJobs` was reached, the deadline neared, or `close()`. */
  stoppedBy: 'empty' | 'maxJobs' | 'deadline' | 'closed';
  durationMs: number;
}

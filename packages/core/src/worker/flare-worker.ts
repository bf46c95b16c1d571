import type { AnyJobDefinition } from '../definitions/define-job.js';
import { FlareError } from '../errors/flare-error.js';
import { generateIdempotencyKey } from '../internal/ids.js';
import { ignore } from '../internal/ignore.js';
import { AckBatcher } from './ack-batcher.js';
import { ActiveJob } from './active-job.js';
import { badOption, checkWorkerOptions, type WorkerConfig } from './check-worker-options.js';
import { type ClaimLoopEnd, claimLoop } from './claim-loop.js';
import { addDefinedHandler } from './defined-handler.js';
import { drainPlan } from './drain-plan.js';
import { giveBack, giveBackAll } from './give-back.js';
import { LeaseKeeper } from './lease-keeper.js';
import { type RunJobHost, runJob } from './run-job.js';
import { shutdown } from './shutdown.js';
import type {
  ClaimedJob,
  DefinedJobHandler,
  DrainOptions,
  DrainSummary,
  FlareWorkerOptions,
} from './types.js';
import { LeaseLostError, type LeaseLostReason, WorkerStoppedError } from './worker-errors.js';
import type { WorkerEvents, WorkerListener } from './worker-events.js';
import { WorkerReporter } from './worker-reporter.js';

const now = () => Date.now();
/** Where the runtime tells us nothing about the host: a random id. */
const randomWorkerId = () => `worker-${generateIdempotencyKey().slice(6, 18)}`;

/**
 * Runs Flare jobs: claims the job types it has handlers for, runs them (at most `concurrency` at
 * once) under leases it renews by heartbeat, stores each result, and shuts down without losing or
 * stranding a job. Delivery is at least once: a job whose worker died runs again after its lease,
 * so make side effects idempotent (e.g. key them by `job.id`). Handlers come as functions by job
 * type (`handlers`) and/or per `defineJob` definition (`handle()`, payload checked and typed).
 *
 * @example
 * ```ts
 * const worker = new FlareWorker({
 *   handlers: {
 *     SendWelcomeEmail: async (job: ClaimedJob<{ email: string }>, ctx) => {
 *       ctx.progress(50, 'template rendered');
 *       return { message_id: await send(job.payload.email, { signal: ctx.signal }) };
 *     },
 *   },
 * });
 * worker.on('failed', ({ job, error }) => console.warn(job.id, error));
 * await worker.run(); // until worker.close()
 * ```
 */
export class FlareWorker {
  /** The id sent with this worker's claims. */
  readonly workerId: string;
  readonly #config: WorkerConfig;
  readonly #report: WorkerReporter;
  readonly #keeper: LeaseKeeper;
  /** Jobs whose handler has not returned: each holds a slot. */
  readonly #held = new Set<ActiveJob>();
  readonly #deliveries = new Set<Promise<void>>();
  /** Stops claiming (and any claim wait). */
  readonly #stop = new AbortController();
  /** Ends the shutdown grace at once. */
  readonly #force = new AbortController();
  #waiters: (() => void)[] = [];
  #loop: Promise<ClaimLoopEnd> | undefined;
  #closing: Promise<void> | undefined;
  #graceMs: () => number;
  #releaseBudgetMs = 10_000;
  #stopError: unknown;
  readonly #runHost: RunJobHost;
  readonly #acks: AckBatcher;

  constructor(options: FlareWorkerOptions) {
    this.#config = checkWorkerOptions(options, randomWorkerId);
    this.workerId = this.#config.workerId;
    this.#graceMs = () => this.#config.shutdownTimeoutMs;
    this.#report = new WorkerReporter(this.#config.logger, this.#config.logRank);
    this.#keeper = new LeaseKeeper({
      protocol: this.#config.protocol,
      leaseMs: this.#config.leaseSeconds * 1000,
      now,
      lose: (job, reason, error) => this.#lose(job, reason, error),
      heartbeatFailed: (job, error) =>
        this.#report.log('info', 'Flare heartbeat failed; retrying at the next beat', {
          jobId: job.job.id,
          error,
        }),
    });
    this.#force.signal.addEventListener('abort', () => this.#notify());
    // Nothing else will finish soon when no handler is running: a completion then goes at once.
    this.#acks = new AckBatcher(this.#config.protocol, () => this.#held.size === 0);
    this.#runHost = {
      config: this.#config,
      keeper: this.#keeper,
      complete: (id, body, options) => this.#acks.complete(id, body, options),
      events: this.#report,
      now,
      handlerDone: (done) => {
        this.#held.delete(done);
        this.#notify();
      },
      track: (delivery) => this.#track(delivery),
      lose: (lost, reason, error) => this.#lose(lost, reason, error),
      log: (level, message, details) => this.#report.log(level, message, details),
    };
  }

  /**
   * Runs jobs of a `defineJob` definition's type with `handler`, which gets the payload as the
   * schema parsed it (typed by the schema's output; defaults and transforms applied) and must
   * return the definition's result type when it declares one. Before the handler runs, the
   * stored payload is validated again: one that fails is failed at once, not retried (wire type
   * `ValidationError`, its message naming the path, e.g. `payload.email`), and the handler is not
   * called. Call it before `run()` / `drain()`; returns the worker, so calls chain.
   * @example
   * ```ts
   * const worker = new FlareWorker({ concurrency: 4 })
   *   .handle(sendWelcome, async ({ email, name }, ctx) => ({
   *     messageId: await send(email, `Welcome, ${name}`, { signal: ctx.signal }),
   *   }))
   *   .handle(resizeImage, async ({ url, width }) => resize(url, width));
   * await worker.run();
   * ```
   */
  handle<D extends AnyJobDefinition>(definition: D, handler: DefinedJobHandler<D>): this {
    if (this.#loop || this.#closing) {
      throw new FlareError('FlareWorker: handle() must come before run() or drain()');
    }
    addDefinedHandler(this.#config, definition, handler as never);
    return this;
  }

  /**
   * Subscribes to a lifecycle event; returns the unsubscribe function.
   * @example
   * ```ts
   * const off = worker.on('succeeded', ({ job, durationMs }) => histogram.observe(durationMs));
   * off();
   * ```
   */
  on<E extends keyof WorkerEvents>(name: E, listener: WorkerListener<E>): () => void {
    return this.#report.on(name, listener);
  }

  /**
   * Claims and runs jobs until `close()`; resolves once fully stopped. Rejects only when the
   * worker cannot go on: a 401/403 (`AuthError`, `PermissionError`) or a refused claim
   * (`ValidationError`), after shutting down like `close()`, or at once when it has no handler
   * (`ValidationError`, param `handlers`). A worker runs once.
   * @example
   * ```ts
   * await worker.run();
   * ```
   */
  async run(): Promise<void> {
    await this.#runToEnd(this.#config.pollWaitMs, () => Number.POSITIVE_INFINITY);
  }

  /**
   * For serverless (Cron Triggers, Vercel Cron): runs the jobs that are there now, without
   * long-polling, and resolves within `deadlineMs` with a summary. It stops claiming when a claim
   * comes back empty, at `maxJobs`, or near the deadline, where it aborts and releases what is
   * still running (the last tenth of the deadline, at most 2 s, is kept for the releases).
   * @example
   * ```ts
   * export default {
   *   async scheduled(_event, env, ctx) {
   *     const worker = new FlareWorker({ client: new FlareClient({ apiKey: env.FLARE_API_KEY }), handlers });
   *     ctx.waitUntil(worker.drain({ deadlineMs: 25_000, maxJobs: 100 }));
   *   },
   * };
   * ```
   */
  async drain(options: DrainOptions): Promise<DrainSummary> {
    const { maxJobs, startedAt, graceEnd, reserveMs } = drainPlan(options, now());
    this.#graceMs = () => Math.max(0, graceEnd - now());
    this.#releaseBudgetMs = Math.max(1, reserveMs);
    const timer = setTimeout(() => {
      this.#force.abort();
      void this.close();
    }, graceEnd - startedAt);
    let end: ClaimLoopEnd;
    try {
      end = await this.#runToEnd(0, () => maxJobs - this.#report.counts.claimed);
    } finally {
      clearTimeout(timer);
    }
    return {
      ...this.#report.counts,
      // Why claiming stopped; our own deadline is what closes a drain that was still claiming.
      stoppedBy: end === 'closed' && now() >= graceEnd ? 'deadline' : end,
      durationMs: now() - startedAt,
    };
  }

  /**
   * Stops claiming at once (an in-flight long poll is ended; jobs it still returns are released),
   * waits up to `shutdownTimeoutMs` for running jobs, then aborts their `ctx.signal` with a
   * `WorkerStoppedError` and releases them to the queue; resolves once every call it waits on
   * has ended (each is bounded). `{ force: true }` skips the wait. Safe to call more than once.
   * @example
   * ```ts
   * process.once('SIGTERM', () => worker.close());
   * ```
   */
  close(options?: { force?: boolean }): Promise<void> {
    if (options?.force) this.#force.abort();
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #runToEnd(waitMs: number, budget: () => number): Promise<ClaimLoopEnd> {
    if (this.#loop || this.#closing) {
      throw new FlareError(
        'FlareWorker: run() or drain() was already called, or close(); a worker runs once',
      );
    }
    if (this.#config.jobTypes.length === 0) {
      badOption(
        'no handlers: give handlers, or call worker.handle(definition, handler)',
        'handlers',
      );
    }
    this.#report.log('info', 'Flare worker started', {
      workerId: this.workerId,
      queues: this.#config.queues,
    });
    this.#loop = claimLoop({
      config: this.#config,
      stop: this.#stop.signal,
      waitMs,
      freeSlots: () => this.#config.concurrency - this.#held.size,
      budget,
      changed: () => this.#changed(),
      now,
      claimed: (jobs, leaseStart) => this.#start(jobs, leaseStart),
      expired: (jobs) => {
        this.#report.emit('claimed', { jobs });
        for (const job of jobs) this.#reportLost(job, new LeaseLostError(job.id, 'lease_expired'));
      },
      claimedAfterStop: (jobs) =>
        this.#track(giveBackAll(this.#config.protocol, this.#report, jobs, this.#releaseBudgetMs)),
      claimError: (error, retryInMs) => {
        this.#report.log('info', `Flare claim failed; retrying in ${Math.round(retryInMs)} ms`, {
          error,
          retryInMs,
        });
        this.#report.emit('claimError', { error, retryInMs });
      },
    });
    let end: ClaimLoopEnd = 'closed';
    try {
      end = await this.#loop;
    } catch (error) {
      this.#stopError = error;
      this.#report.log('error', 'Flare worker stopping: the API refused it', { error });
    }
    await this.close();
    if (this.#stopError !== undefined) throw this.#stopError;
    return end;
  }

  async #shutdown(): Promise<void> {
    this.#stop.abort();
    this.#notify();
    await this.#loop?.catch(ignore);
    await shutdown(
      {
        held: this.#held,
        deliveries: this.#deliveries,
        changed: () => this.#changed(),
        force: this.#force,
        release: (job, signal) => this.#release(job, signal),
      },
      this.#graceMs(),
      this.#releaseBudgetMs,
      () => this.#acks.flush(),
    );
    this.#keeper.stop();
    this.#report.log('info', 'Flare worker stopped', { workerId: this.workerId });
    this.#report.emit('stopped', { error: this.#stopError });
  }

  #start(jobs: ClaimedJob[], leaseStart: number): void {
    this.#report.emit('claimed', { jobs });
    for (const job of jobs) {
      const active = new ActiveJob(job, leaseStart, this.#config.leaseSeconds * 1000);
      this.#held.add(active);
      this.#keeper.add(active);
      void runJob(active, this.#runHost);
    }
  }

  #lose(active: ActiveJob, reason: LeaseLostReason, cause: unknown): void {
    if (active.phase !== 'running' && active.phase !== 'settling') return;
    active.phase = 'lost';
    active.calls.abort();
    const error = new LeaseLostError(active.job.id, reason, { cause });
    active.handler.abort(error);
    this.#keeper.delete(active);
    this.#reportLost(active.job, error);
    this.#notify();
  }

  /** The warning and the `leaseLost` event of a job this worker no longer holds. */
  #reportLost(job: ClaimedJob, error: LeaseLostError): void {
    const { reason } = error;
    this.#report.log('warn', error.message, { jobId: job.id, reason, error });
    this.#report.emit('leaseLost', { job, reason, error });
  }

  async #release(active: ActiveJob, signal: AbortSignal): Promise<void> {
    active.phase = 'released';
    active.calls.abort();
    active.handler.abort(new WorkerStoppedError(active.job.id));
    this.#keeper.delete(active);
    const options = { signal, timeoutMs: this.#releaseBudgetMs };
    await giveBack(this.#config.protocol, this.#report, active.job, 'shutdown', options);
  }

  #track(delivery: Promise<void>): void {
    this.#deliveries.add(delivery);
    void delivery.finally(() => this.#deliveries.delete(delivery));
  }

  #changed(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}

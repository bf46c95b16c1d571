import { FlareError } from '../errors/flare-error.js';
import { generateIdempotencyKey } from '../internal/ids.js';
import { ActiveJob } from './active-job.js';
import { badOption, checkWorkerOptions, type WorkerConfig } from './check-worker-options.js';
import { type ClaimLoopEnd, claimLoop } from './claim-loop.js';
import { isLeaseLost, LeaseKeeper } from './lease-keeper.js';
import { type RunJobHost, runJob } from './run-job.js';
import { shutdown } from './shutdown.js';
import type { ClaimedJob, DrainOptions, DrainSummary, FlareWorkerOptions } from './types.js';
import { LeaseLostError, type LeaseLostReason, WorkerStoppedError } from './worker-errors.js';
import { WorkerEmitter, type WorkerEvents, type WorkerListener } from './worker-events.js';

const now = () => Date.now();
/** Where the runtime tells us nothing about the host: a random id. */
const randomWorkerId = () => `worker-${generateIdempotencyKey().slice(6, 18)}`;

/**
 * Runs Flare jobs: claims the job types it has handlers for, runs them (at most `concurrency` at
 * once) under leases it renews by heartbeat, stores each result, and shuts down without losing or
 * stranding a job. Delivery is at least once: a job whose worker died runs again after its lease,
 * so make side effects idempotent (e.g. key them by `job.id`).
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
  readonly #events: WorkerEmitter;
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
  readonly #counts = { claimed: 0, succeeded: 0, failed: 0, released: 0, lost: 0 };
  readonly #runHost: RunJobHost;

  constructor(options: FlareWorkerOptions) {
    this.#config = checkWorkerOptions(options, randomWorkerId);
    this.workerId = this.#config.workerId;
    this.#graceMs = () => this.#config.shutdownTimeoutMs;
    this.#events = new WorkerEmitter((error, name) => {
      if (this.#config.logger)
        this.#log('error', `A FlareWorker "${name}" listener threw`, { error });
      else console.error(`A FlareWorker "${name}" listener threw`, error);
    });
    this.#keeper = new LeaseKeeper({
      protocol: this.#config.protocol,
      leaseMs: this.#config.leaseSeconds * 1000,
      now,
      lose: (job, reason, error) => this.#lose(job, reason, error),
      heartbeatFailed: (job, error) =>
        this.#log('warn', 'Flare heartbeat failed; retrying at the next beat', {
          jobId: job.job.id,
          error,
        }),
    });
    this.#force.signal.addEventListener('abort', () => this.#notify());
    this.#runHost = {
      config: this.#config,
      keeper: this.#keeper,
      events: { emit: (name, event) => this.#emit(name, event) },
      now,
      handlerDone: (done) => {
        this.#held.delete(done);
        this.#notify();
      },
      track: (delivery) => this.#track(delivery),
      lose: (lost, reason, error) => this.#lose(lost, reason, error),
      log: (level, message, details) => this.#log(level, message, details),
    };
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
    return this.#events.on(name, listener);
  }

  /**
   * Claims and runs jobs until `close()`; resolves once fully stopped. Rejects only when the
   * worker cannot go on: a 401/403 (`AuthError`, `PermissionError`) or a refused claim
   * (`ValidationError`), after shutting down like `close()`. A worker runs once.
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
    const { deadlineMs, maxJobs = Number.POSITIVE_INFINITY } = (options ?? {}) as DrainOptions;
    if (!Number.isInteger(deadlineMs) || deadlineMs < 1) {
      badOption('drain deadlineMs must be a whole number of ms >= 1', 'deadlineMs');
    }
    if (maxJobs !== Number.POSITIVE_INFINITY && (!Number.isInteger(maxJobs) || maxJobs < 1)) {
      badOption('drain maxJobs must be a whole number >= 1', 'maxJobs');
    }
    const startedAt = now();
    const reserve = Math.min(2_000, Math.floor(deadlineMs / 10));
    const graceEnd = startedAt + deadlineMs - reserve;
    this.#graceMs = () => Math.max(0, graceEnd - now());
    this.#releaseBudgetMs = Math.max(1, reserve);
    let deadlineHit = false;
    const timer = setTimeout(() => {
      deadlineHit = true;
      this.#force.abort();
      void this.close();
    }, deadlineMs - reserve);
    let end: ClaimLoopEnd;
    try {
      end = await this.#runToEnd(0, () => maxJobs - this.#counts.claimed);
    } finally {
      clearTimeout(timer);
    }
    return {
      ...this.#counts,
      stoppedBy: deadlineHit ? 'deadline' : end,
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
    this.#log('info', 'Flare worker started', {
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
      claimedAfterStop: (jobs) => this.#releaseLate(jobs),
      claimError: (error, retryInMs) => {
        this.#log('warn', `Flare claim failed; retrying in ${Math.round(retryInMs)} ms`, { error });
        this.#emit('claimError', { error, retryInMs });
      },
    });
    let end: ClaimLoopEnd = 'closed';
    try {
      end = await this.#loop;
    } catch (error) {
      this.#stopError = error;
      this.#log('error', 'Flare worker stopping: the API refused it', { error });
    }
    await this.close();
    if (this.#stopError !== undefined) throw this.#stopError;
    return end;
  }

  async #shutdown(): Promise<void> {
    this.#stop.abort();
    this.#notify();
    await this.#loop?.catch(() => undefined);
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
    );
    this.#keeper.stop();
    this.#log('info', 'Flare worker stopped', { workerId: this.workerId });
    this.#emit('stopped', { error: this.#stopError });
  }

  #start(jobs: ClaimedJob[], leaseStart: number): void {
    this.#emit('claimed', { jobs });
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
    this.#log('warn', error.message, { jobId: active.job.id, reason });
    this.#emit('leaseLost', { job: active.job, reason, error });
    this.#notify();
  }

  async #release(active: ActiveJob, budget: AbortSignal): Promise<void> {
    active.phase = 'released';
    active.calls.abort();
    active.handler.abort(new WorkerStoppedError(active.job.id));
    this.#keeper.delete(active);
    await this.#giveBack(active.job, 'shutdown', budget);
  }

  #releaseLate(jobs: ClaimedJob[]): void {
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(), this.#releaseBudgetMs);
    this.#track(
      Promise.all(
        jobs.map((job) => this.#giveBack(job, 'claimed_after_close', budget.signal)),
      ).then(() => clearTimeout(timer)),
    );
  }

  async #giveBack(
    job: ClaimedJob,
    reason: WorkerEvents['released']['reason'],
    signal: AbortSignal,
  ): Promise<void> {
    try {
      await this.#config.protocol.release(
        job.id,
        { lease_id: job.lease.id },
        { signal, timeoutMs: this.#releaseBudgetMs },
      );
      this.#emit('released', { job, reason });
    } catch (cause) {
      // Not given back: it returns to the queue when its lease expires.
      const lost: LeaseLostReason = isLeaseLost(cause) ? 'lease_lost' : 'lease_expired';
      this.#log('warn', `Flare job ${job.id} could not be released; it returns after its lease`, {
        error: cause,
      });
      this.#emit('leaseLost', {
        job,
        reason: lost,
        error: new LeaseLostError(job.id, lost, { cause }),
      });
    }
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

  #emit<E extends keyof WorkerEvents>(name: E, event: WorkerEvents[E]): void {
    const counts = this.#counts;
    if (name === 'claimed') counts.claimed += (event as WorkerEvents['claimed']).jobs.length;
    else if (name === 'leaseLost') counts.lost++;
    else if (name in counts) counts[name as 'succeeded' | 'failed' | 'released']++;
    this.#events.emit(name, event);
  }

  #log(
    level: 'debug' | 'info' | 'warn' | 'error',
    message: string,
    details: Record<string, unknown>,
  ): void {
    try {
      this.#config.logger?.[level]?.(message, details);
    } catch {
      // A broken logger must not break the worker.
    }
  }
}

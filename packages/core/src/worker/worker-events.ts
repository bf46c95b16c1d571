import type { ClaimedJob } from './types.js';
import type { LeaseLostReason } from './worker-errors.js';

/**
 * The lifecycle events of a `FlareWorker` and what each listener gets.
 * @example
 * ```ts
 * worker.on('failed', ({ job, error, final }) => metrics.increment('jobs.failed', { type: job.job_type, final }));
 * ```
 */
export interface WorkerEvents {
  /** A claim returned jobs. */
  claimed: { jobs: ClaimedJob[] };
  /** A handler was called; `attempt` is the job's attempt number, from 1. */
  started: { job: ClaimedJob; attempt: number };
  /** A handler reported progress. */
  progress: { job: ClaimedJob; percent: number; message: string | undefined };
  /** The result was stored: the job `succeeded`. */
  succeeded: { job: ClaimedJob; attempt: number; result: unknown; durationMs: number };
  /** The failure was stored; `final` when the job will not be retried. */
  failed: {
    job: ClaimedJob;
    attempt: number;
    error: unknown;
    final: boolean;
    durationMs: number;
  };
  /** The job was given back unfinished (shutdown, deadline), or a claim landed after `close()`. */
  released: { job: ClaimedJob; reason: 'shutdown' | 'claimed_after_close' };
  /** The worker no longer holds the job; it sends neither complete nor fail for it. */
  leaseLost: { job: ClaimedJob; reason: LeaseLostReason; error: unknown };
  /** A claim failed; the worker tries again after `retryInMs`. */
  claimError: { error: unknown; retryInMs: number };
  /** The worker stopped; `error` is what stopped it, if it was not `close()`. */
  stopped: { error: unknown };
}

/** A listener of event `E`. */
export type WorkerListener<E extends keyof WorkerEvents> = (event: WorkerEvents[E]) => void;

/**
 * A small typed emitter that runs in every runtime (no `node:events`). A listener that throws is
 * reported to `onListenerError` and never breaks the worker.
 */
export class WorkerEmitter {
  readonly #listeners = new Map<keyof WorkerEvents, Set<(event: never) => void>>();
  readonly #onListenerError: (error: unknown, name: string) => void;

  constructor(onListenerError: (error: unknown, name: string) => void) {
    this.#onListenerError = onListenerError;
  }

  on<E extends keyof WorkerEvents>(name: E, listener: WorkerListener<E>): () => void {
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    // A wrapper per subscription: the same function subscribed twice is called twice.
    const entry = (event: never) => listener(event);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  emit<E extends keyof WorkerEvents>(name: E, event: WorkerEvents[E]): void {
    const set = this.#listeners.get(name);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as WorkerListener<E>)(event);
      } catch (error) {
        this.#onListenerError(error, name);
      }
    }
  }
}

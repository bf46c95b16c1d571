import { LOG_LEVELS } from '../internal/log-level.js';
import type { WorkerLogger } from './types.js';
import { WorkerEmitter, type WorkerEvents, type WorkerListener } from './worker-events.js';
import { type LogLevel, workerLogLine } from './worker-log-line.js';

/**
 * What a worker tells the outside: its events (counted, for `drain()`'s summary) and, when it was
 * given a logger, its log lines. Neither a throwing listener nor a broken logger breaks the worker.
 */
export class WorkerReporter {
  /** Events so far, for `drain()`'s summary. */
  readonly counts = { claimed: 0, succeeded: 0, failed: 0, released: 0, lost: 0 };
  readonly #events: WorkerEmitter;
  readonly #logger: WorkerLogger | undefined;
  readonly #rank: number;

  /** `rank`: the lowest level written (an index into `LOG_LEVELS`). */
  constructor(logger: WorkerLogger | undefined, rank = 0) {
    this.#logger = logger;
    this.#rank = rank;
    this.#events = new WorkerEmitter((error, name) => {
      const message = `A FlareWorker "${name}" listener threw`;
      if (logger) this.log('error', message, { error });
      else console.error(message, error);
    });
  }

  on<E extends keyof WorkerEvents>(name: E, listener: WorkerListener<E>): () => void {
    return this.#events.on(name, listener);
  }

  emit<E extends keyof WorkerEvents>(name: E, event: WorkerEvents[E]): void {
    const counts = this.counts;
    if (name === 'claimed') counts.claimed += (event as WorkerEvents['claimed']).jobs.length;
    else if (name === 'leaseLost') counts.lost++;
    else if (name in counts) counts[name as 'succeeded' | 'failed' | 'released']++;
    const line = this.#logger && workerLogLine(name, event);
    if (line) this.log(...line);
    this.#events.emit(name, event);
  }

  log(level: LogLevel, message: string, details: Record<string, unknown>): void {
    if (LOG_LEVELS.indexOf(level) < this.#rank) return;
    try {
      this.#logger?.[level]?.(message, details);
    } catch {
      // A broken logger must not break the worker.
    }
  }
}

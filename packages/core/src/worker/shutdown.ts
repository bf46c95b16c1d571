import type { ActiveJob } from './active-job.js';

/** What the shutdown path needs from its worker. */
export interface ShutdownHost {
  /** Jobs whose handler has not returned yet. */
  held: ReadonlySet<ActiveJob>;
  /** Results being delivered. */
  deliveries: ReadonlySet<Promise<void>>;
  /** Resolves on the next change: a handler done, a lease lost, or `force`. */
  changed(): Promise<void>;
  /** Aborted to end the grace at once (a second signal, a drain's deadline). */
  force: AbortController;
  /** Aborts the job's handler and gives the job back; bounded by `budget`. */
  release(job: ActiveJob, budget: AbortSignal): Promise<void>;
}

const running = (held: ReadonlySet<ActiveJob>) => [...held].filter((j) => j.phase === 'running');

/**
 * Ends a worker whose claiming has stopped: waits up to `graceMs` for running handlers, then
 * aborts the rest and releases their jobs (every release within `releaseBudgetMs`), then waits
 * for results still being delivered (each bounded by its lease), sending batched completions at
 * once. Clears every timer it set.
 */
export async function shutdown(
  host: ShutdownHost,
  graceMs: number,
  releaseBudgetMs: number,
  flushAcks: () => void = () => undefined,
): Promise<void> {
  if (running(host.held).length > 0 && !host.force.signal.aborted) {
    const grace = setTimeout(() => host.force.abort(), graceMs);
    try {
      while (running(host.held).length > 0 && !host.force.signal.aborted) await host.changed();
    } finally {
      clearTimeout(grace);
    }
  }
  const unfinished = running(host.held);
  if (unfinished.length > 0) {
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(), releaseBudgetMs);
    try {
      await Promise.all(unfinished.map((job) => host.release(job, budget.signal)));
    } finally {
      clearTimeout(timer);
    }
  }
  // Completions waiting for company go now: nothing else will finish.
  flushAcks();
  await Promise.all(host.deliveries);
}

/** What changed in the fake; the dashboard refreshes the view it concerns. */
export interface FakeChange {
  kind: 'job' | 'worker' | 'schedule' | 'webhook' | 'request' | 'clock' | 'fault' | 'reset';
  /** The job, schedule or event id, when the change concerns one. */
  id?: string | undefined;
  /** For a job: the history entry's kind (`claimed`, `heartbeat`, …). */
  event?: string | undefined;
}

/**
 * The fake's internal change feed: the engine, outbox and dispatcher report here, the dashboard's
 * server-sent events listen. Synchronous and in-process; a throwing listener is dropped rather
 * than allowed to break the operation that reported the change.
 */
export class ChangeFeed {
  readonly #listeners = new Set<(change: FakeChange) => void>();

  /** Calls `listener` on every change until the returned function is called. */
  on(listener: (change: FakeChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listening(): number {
    return this.#listeners.size;
  }

  emit(change: FakeChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        this.#listeners.delete(listener);
      }
    }
  }
}

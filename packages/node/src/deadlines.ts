/**
 * Per-attempt timeouts on one shared timer. A `setTimeout` per request costs a few µs on every
 * call (Node creates and tears down a timer list when requests run one after another); here a
 * request costs a Set insert and delete, and the single timer is only re-armed when a new
 * deadline is earlier than the armed one.
 */
export class Deadlines {
  readonly #pending = new Set<{ at: number; expire: () => void }>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedAt = Number.POSITIVE_INFINITY;

  /** Calls `expire` once `ms` have passed, unless the returned `cancel` runs first. */
  add(ms: number, expire: () => void): () => void {
    const entry = { at: Date.now() + ms, expire };
    this.#pending.add(entry);
    if (entry.at < this.#armedAt) this.#arm(entry.at);
    return () => this.#pending.delete(entry);
  }

  #arm(at: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#armedAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - Date.now()));
    // In-flight sockets keep the process alive; an idle client must not.
    this.#timer.unref?.();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.#pending) {
      if (entry.at <= now) {
        this.#pending.delete(entry);
        entry.expire();
      } else if (entry.at < next) {
        next = entry.at;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}

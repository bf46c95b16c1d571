/** Something due at a time. `seq` keeps entries due at the same time in insertion order. */
export interface Due<T> {
  at: number;
  seq: number;
  value: T;
}

/**
 * A min-heap of things that fall due on the fake clock (scheduled jobs becoming pending, lease
 * expiries, schedule ticks). Stale entries are skipped by the caller (each carries a version).
 */
export class Timeline<T> {
  #heap: Due<T>[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  add(at: number, value: T): void {
    const heap = this.#heap;
    heap.push({ at, seq: this.#seq++, value });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Removes and returns the earliest entry due at or before `now`, if any. */
  popDue(now: number): T | undefined {
    const heap = this.#heap;
    if (heap.length === 0 || heap[0]!.at > now) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top.value;
  }

  clear(): void {
    this.#heap = [];
  }
}

function before<T>(a: Due<T>, b: Due<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

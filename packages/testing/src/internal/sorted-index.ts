const CHUNK = 512;

/**
 * A sorted collection with O(log n) seek, insert and delete (a list of sorted chunks of at most
 * 2 × 512 items: binary search over the chunks, then within one). Items are compared with
 * `compare`; seeks take a probe of the key type `K` that items extend.
 */
export class SortedIndex<K, T extends K = K> {
  readonly #compare: (a: K, b: K) => number;
  #chunks: T[][] = [];
  #size = 0;

  constructor(compare: (a: K, b: K) => number) {
    this.#compare = compare;
  }

  get size(): number {
    return this.#size;
  }

  insert(item: T): void {
    this.#size++;
    const last = this.#chunks[this.#chunks.length - 1];
    if (!last) {
      this.#chunks.push([item]);
      return;
    }
    // Appending is the usual case (creation times and ids only grow): no search at all. An item
    // equal to the last goes after it, as `#upper` would put it.
    if (this.#compare(last[last.length - 1]!, item) <= 0) {
      last.push(item);
      if (last.length > 2 * CHUNK) this.#chunks.push(last.splice(CHUNK));
      return;
    }
    const c = this.#chunkFor(item);
    const chunk = this.#chunks[c]!;
    chunk.splice(this.#upper(chunk, item), 0, item);
    if (chunk.length > 2 * CHUNK) this.#chunks.splice(c + 1, 0, chunk.splice(CHUNK));
  }

  /** Removes `item` (by identity); `false` when it is not in the index. */
  delete(item: T): boolean {
    if (this.#chunks.length === 0) return false;
    const c = this.#chunkFor(item);
    const chunk = this.#chunks[c]!;
    for (let i = this.#lower(chunk, item); i < chunk.length; i++) {
      if (chunk[i] === item) {
        chunk.splice(i, 1);
        if (chunk.length === 0) this.#chunks.splice(c, 1);
        this.#size--;
        return true;
      }
      if (this.#compare(chunk[i]!, item) !== 0) break;
    }
    return false;
  }

  /** Items in descending order, starting with the greatest item strictly below `below` (or the greatest of all). */
  *descending(below?: K): Generator<T> {
    let c = this.#chunks.length - 1;
    let i = c >= 0 ? this.#chunks[c]!.length - 1 : -1;
    if (below !== undefined && c >= 0) {
      c = this.#chunkFor(below);
      const chunk = this.#chunks[c]!;
      i = this.#lower(chunk, below) - 1;
    }
    for (; c >= 0; c--) {
      const chunk = this.#chunks[c]!;
      if (i === Number.POSITIVE_INFINITY) i = chunk.length - 1;
      for (; i >= 0; i--) yield chunk[i]!;
      i = Number.POSITIVE_INFINITY;
    }
  }

  clear(): void {
    this.#chunks = [];
    this.#size = 0;
  }

  /** Items in ascending order. */
  *ascending(): Generator<T> {
    for (const chunk of this.#chunks) yield* chunk;
  }

  /** The chunk where `probe` belongs: the first whose last item is ≥ probe, else the last chunk. */
  #chunkFor(probe: K): number {
    let lo = 0;
    let hi = this.#chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.#chunks[mid]!;
      if (this.#compare(chunk[chunk.length - 1]!, probe) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index in `chunk` whose item is ≥ probe. */
  #lower(chunk: T[], probe: K): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#compare(chunk[mid]!, probe) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index in `chunk` whose item is > probe. */
  #upper(chunk: T[], probe: K): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#compare(chunk[mid]!, probe) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

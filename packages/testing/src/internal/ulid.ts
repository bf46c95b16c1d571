const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));

/**
 * A monotonic ULID generator (26 upper-case Crockford base32 characters: 48-bit time, 80-bit
 * random) driven by an injected clock. Within one millisecond, or if the clock stands still, the
 * random part is incremented, so ids come out strictly increasing: sorting by id is sorting by
 * creation.
 */
export class UlidGenerator {
  #lastTime = -1;
  readonly #random = new Uint8Array(16);
  /** An id's character codes (prefix, time, random), reused for every id of a prefix length. */
  readonly #codes = new Map<number, number[]>();
  /** The time part's character codes, kept while the millisecond lasts. */
  readonly #timeCodes: number[] = new Array(10).fill(0);
  #codedTime = -1;

  /**
   * A ULID for the given time (ms since the epoch), after `prefix` (e.g. `job_`) when given: the
   * id is built as one flat string, since every id is hashed (as a map key) right after, and a
   * concatenation would first have to be flattened into a copy.
   */
  next(timeMs: number, prefix = ''): string {
    const time = Math.max(Math.floor(timeMs), this.#lastTime);
    if (time === this.#lastTime) this.#increment();
    else {
      this.#lastTime = time;
      crypto.getRandomValues(this.#random);
      // 5 bits per character; keep the top bit clear so increments rarely overflow.
      for (let i = 0; i < 16; i++) this.#random[i]! &= i === 0 ? 15 : 31;
    }
    // The time part only changes with the millisecond: a burst of ids shares it.
    if (time !== this.#codedTime) {
      this.#codedTime = time;
      let t = time;
      for (let i = 9; i >= 0; i--) {
        this.#timeCodes[i] = CODES[t % 32]!;
        t = Math.floor(t / 32);
      }
    }
    const p = prefix.length;
    let codes = this.#codes.get(p);
    if (!codes) {
      codes = new Array(p + 26).fill(0);
      this.#codes.set(p, codes);
    }
    for (let i = 0; i < p; i++) codes[i] = prefix.charCodeAt(i);
    for (let i = 0; i < 10; i++) codes[p + i] = this.#timeCodes[i]!;
    for (let i = 0; i < 16; i++) codes[p + 10 + i] = CODES[this.#random[i]!]!;
    return String.fromCharCode.apply(null, codes);
  }

  /** Forgets the last time, as a fresh generator. */
  reset(): void {
    this.#lastTime = -1;
  }

  #increment(): void {
    for (let i = 15; i >= 0; i--) {
      if (this.#random[i]! < 31) {
        this.#random[i]!++;
        return;
      }
      this.#random[i] = 0;
    }
    // 2^80 ids in one millisecond: move to the next one.
    this.#lastTime++;
  }
}

/** The 48-bit time a ULID encodes, in ms. */
export function ulidTime(ulid: string): number {
  let t = 0;
  for (let i = 0; i < 10; i++) t = t * 32 + ALPHABET.indexOf(ulid[i]!);
  return t;
}

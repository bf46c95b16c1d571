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
  /** The random part's character codes, reused for every id. */
  readonly #chars: number[] = new Array(16).fill(0);
  #prefixTime = -1;
  #prefix = '';

  /** A ULID for the given time (ms since the epoch). */
  next(timeMs: number): string {
    const time = Math.max(Math.floor(timeMs), this.#lastTime);
    if (time === this.#lastTime) this.#increment();
    else {
      this.#lastTime = time;
      crypto.getRandomValues(this.#random);
      // 5 bits per character; keep the top bit clear so increments rarely overflow.
      for (let i = 0; i < 16; i++) this.#random[i]! &= i === 0 ? 15 : 31;
    }
    // The time part only changes with the millisecond: a burst of ids shares it.
    if (time !== this.#prefixTime) {
      this.#prefixTime = time;
      let prefix = '';
      let t = time;
      for (let i = 0; i < 10; i++) {
        prefix = ALPHABET[t % 32] + prefix;
        t = Math.floor(t / 32);
      }
      this.#prefix = prefix;
    }
    // One string from the codes: 16 one-character appends would allocate a chain of 16 strings
    // per id, and every id is hashed (as a map key) right after.
    for (let i = 0; i < 16; i++) this.#chars[i] = CODES[this.#random[i]!]!;
    return this.#prefix + String.fromCharCode.apply(null, this.#chars);
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

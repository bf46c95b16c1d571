/**
 * Options of the fake's clock.
 * @example
 * ```ts
 * new FakeFlare({ clock: { start: '2026-01-01T09:00:00Z' } }); // frozen at 09:00 until advanced
 * ```
 */
export interface FakeClockOptions {
  /** Start time. Default: now (the system clock). */
  start?: Date | number | string | undefined;
  /**
   * Frozen clocks move only through `advance`; others follow the system clock plus every
   * `advance`. Default: frozen when `start` is given, else following the system clock.
   */
  frozen?: boolean | undefined;
}

/**
 * The fake's injectable clock. It drives `run_at`, lease expiry, retry backoff, schedules,
 * idempotency retention, rate-limit windows and webhook timestamps. It never goes backwards.
 * @example
 * ```ts
 * const fake = new FakeFlare();
 * await flare.createJob({ job_type: 'Report', run_at: new Date(Date.now() + 60_000) }); // scheduled
 * fake.clock.advance(60_000); // the job is now pending
 * ```
 */
export class FakeClock {
  readonly #options: FakeClockOptions;
  readonly #onAdvance: () => void;
  #base = 0;
  #offset = 0;
  #last = 0;

  constructor(options: FakeClockOptions = {}, onAdvance: () => void = () => {}) {
    this.#options = options;
    this.#onAdvance = onAdvance;
    this.reset();
  }

  /**
   * The current fake time, in ms since the epoch.
   * @example
   * ```ts
   * const created = new Date(fake.clock.now()).toISOString();
   * ```
   */
  now(): number {
    const t = (this.#frozen ? this.#base : Date.now()) + this.#offset;
    if (t > this.#last) this.#last = t;
    return this.#last;
  }

  /**
   * Moves time forward by `ms` and runs whatever fell due (scheduled jobs, lease expiries,
   * schedule ticks).
   * @example
   * ```ts
   * fake.clock.advance(5 * 60_000); // five minutes later
   * ```
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`clock.advance(ms) needs a finite number ≥ 0, got ${ms}`);
    }
    this.#offset += ms;
    this.#onAdvance();
  }

  /**
   * Moves time forward to `time` (never backwards).
   * @example
   * ```ts
   * fake.clock.advanceTo('2026-01-02T00:00:00Z');
   * ```
   */
  advanceTo(time: Date | number | string): void {
    this.advance(Math.max(0, toMs(time) - this.now()));
  }

  /**
   * Back to the start configuration (`fake.reset()` does this).
   * @example
   * ```ts
   * fake.clock.reset();
   * ```
   */
  reset(): void {
    const start = this.#options.start;
    this.#base = start === undefined ? Date.now() : toMs(start);
    this.#offset = this.#frozen ? 0 : this.#base - Date.now();
    this.#last = 0;
  }

  /**
   * Whether the clock moves only through `advance` (else it also follows the system clock).
   * @example
   * ```ts
   * expect(new FakeFlare({ clock: { start: '2026-01-01T00:00:00Z' } }).clock.frozen).toBe(true);
   * ```
   */
  get frozen(): boolean {
    return this.#frozen;
  }

  get #frozen(): boolean {
    return this.#options.frozen ?? this.#options.start !== undefined;
  }
}

function toMs(time: Date | number | string): number {
  const ms =
    time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid time: ${String(time)}`);
  return ms;
}

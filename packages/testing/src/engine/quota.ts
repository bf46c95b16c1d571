import { ApiFailure } from './api-failure.js';

/**
 * A daily quota of job creations (UTC days on the fake clock); creations past it answer 402
 * `quota_exceeded`. Replays do not count.
 */
export class Quota {
  readonly #perDay: number | undefined;
  #day = -1;
  #used = 0;

  constructor(jobsPerDay: number | undefined) {
    this.#perDay = jobsPerDay;
  }

  /** Counts one job creation, or throws the 402. */
  take(now: number): void {
    if (this.#perDay === undefined) return;
    const day = Math.floor(now / 86_400_000);
    if (day !== this.#day) {
      this.#day = day;
      this.#used = 0;
    }
    if (this.#used >= this.#perDay) {
      throw new ApiFailure(
        402,
        'quota_exceeded',
        `The project's daily quota of ${this.#perDay} jobs is spent; it resets at midnight UTC.`,
      );
    }
    this.#used++;
  }

  clear(): void {
    this.#day = -1;
    this.#used = 0;
  }
}

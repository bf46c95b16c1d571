import type { Schedule } from '@flare/core';
import { SortedIndex } from '../../internal/sorted-index.js';
import { byCreation } from '../jobs/job-record.js';
import type { Cron } from './cron.js';

/**
 * The wire schedule object, as `fake.schedules` returns it: `@flare/core`'s `Schedule`, so the
 * fake and the SDK cannot drift apart.
 * @example
 * ```ts
 * const [schedule]: Schedule[] = fake.schedules;
 * expect(schedule?.next_run_at).toBe('2026-01-05T09:00:00.000Z');
 * ```
 */
export type { Schedule };

/** A stored schedule with its parsed cron. */
export interface ScheduleRecord {
  id: string;
  createdMs: number;
  version: number;
  cron: Cron;
  schedule: Schedule;
  /** The last job a tick enqueued (for `overlap: skip`). */
  lastJobId: string | null;
}

type Key = { createdMs: number; id: string };

/** Every schedule, indexed newest-first overall and by `paused`. */
export class ScheduleStore {
  readonly byId = new Map<string, ScheduleRecord>();
  /** Keyed schedules by `key` (unique per project). */
  readonly byKey = new Map<string, ScheduleRecord>();
  readonly all = new SortedIndex<Key, ScheduleRecord>(byCreation);
  readonly #byPaused = [true, false].map(() => new SortedIndex<Key, ScheduleRecord>(byCreation));

  add(record: ScheduleRecord): void {
    this.byId.set(record.id, record);
    if (record.schedule.key !== null) this.byKey.set(record.schedule.key, record);
    this.all.insert(record);
    this.byPaused(record.schedule.paused).insert(record);
  }

  update(record: ScheduleRecord, change: () => void): void {
    const before = record.schedule.paused;
    change();
    record.version++;
    if (record.schedule.paused !== before) {
      this.byPaused(before).delete(record);
      this.byPaused(record.schedule.paused).insert(record);
    }
  }

  delete(record: ScheduleRecord): void {
    this.byId.delete(record.id);
    if (record.schedule.key !== null) this.byKey.delete(record.schedule.key);
    this.all.delete(record);
    this.byPaused(record.schedule.paused).delete(record);
    record.version++;
  }

  byPaused(paused: boolean): SortedIndex<Key, ScheduleRecord> {
    return this.#byPaused[paused ? 0 : 1]!;
  }

  clear(): void {
    this.byId.clear();
    this.byKey.clear();
    this.all.clear();
    for (const index of this.#byPaused) index.clear();
  }
}

import type { JsonObject, PayloadShape } from './job.js';

/** `allow`: every tick enqueues a job. `skip`: no tick while the previous job is unfinished. */
export type ScheduleOverlap = 'allow' | 'skip';

/**
 * A schedule (a recurring job template), exactly as on the wire.
 * @example
 * ```ts
 * const schedule: Schedule = await flare.createSchedule({ cron: '0 9 * * *', job_type: 'Digest' });
 * console.log(schedule.next_run_at); // "2026-01-05T09:00:00.000Z"
 * ```
 */
export interface Schedule<TPayload extends PayloadShape = JsonObject> {
  id: string;
  object: 'schedule';
  /** The caller's name for it (schedules as code); `null` when created without one. */
  key: string | null;
  overlap: ScheduleOverlap;
  cron: string;
  timezone: string;
  job_type: string;
  payload: TPayload;
  queue: string;
  max_attempts: number;
  tags: string[];
  paused: boolean;
  /** The next tick; `null` while paused. */
  next_run_at: string | null;
  /** The last tick that enqueued a job. */
  last_run_at: string | null;
  created_at: string;
}

/**
 * Parameters of `createSchedule` (and a `syncSchedules` definition), in wire format.
 * @example
 * ```ts
 * const params: CreateScheduleParams = { key: 'daily-digest', cron: '0 9 * * *', job_type: 'Digest' };
 * ```
 */
export interface CreateScheduleParams<TPayload extends PayloadShape = JsonObject> {
  /** Five fields: minute hour day-of-month month day-of-week. */
  cron: string;
  /** IANA zone the cron is read in; the server defaults to `"UTC"`. */
  timezone?: string | undefined;
  job_type: string;
  payload?: TPayload | undefined;
  queue?: string | undefined;
  max_attempts?: number | undefined;
  tags?: readonly string[] | undefined;
  /** `skip`: no tick while the previous job is unfinished; the server defaults to `allow`. */
  overlap?: ScheduleOverlap | undefined;
  /** Unique per project: creating with an existing key updates that schedule (same `id`). */
  key?: string | undefined;
}

/**
 * Parameters of `updateSchedule`: only the fields to change (`payload` and `tags` are replaced).
 * @example
 * ```ts
 * await flare.updateSchedule('sch_01JD…', { cron: '0 8 * * *', overlap: 'skip' });
 * ```
 */
export type UpdateScheduleParams<TPayload extends PayloadShape = JsonObject> = Partial<
  Omit<CreateScheduleParams<TPayload>, 'key'>
>;

/**
 * Filters and paging of `listSchedules`.
 * @example
 * ```ts
 * const page = await flare.listSchedules({ paused: true });
 * ```
 */
export interface ListSchedulesParams {
  paused?: boolean | undefined;
  /** 1–100, default 20. */
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** One page of `listSchedules`, newest first. */
export interface SchedulePage<TPayload extends PayloadShape = JsonObject> {
  schedules: Schedule<TPayload>[];
  has_more: boolean;
  next_cursor: string | null;
}

/** What `deleteSchedule` answers. */
export interface DeletedSchedule {
  id: string;
  object: 'schedule';
  deleted: true;
}

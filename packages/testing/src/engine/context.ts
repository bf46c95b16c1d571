import type { WebhookEventType } from '@flare/core';
import type { FakeChange } from '../internal/change-feed.js';
import type { Timeline } from '../internal/timeline.js';
import type { IdempotencyStore } from './idempotency.js';
import type { CursorCodec } from './jobs/cursor.js';
import type { JobEvent } from './jobs/job-history.js';
import type { JobRecord } from './jobs/job-record.js';
import type { JobStore } from './jobs/job-store.js';
import type { ScheduleStore } from './schedules/schedule-store.js';

/** Work the fake clock makes due; stale entries (older `version`) are skipped. */
export type TimedTask =
  | { kind: 'promote' | 'lease'; id: string; version: number }
  | { kind: 'schedule'; id: string; version: number };

/** What every operation of the engine shares. */
export interface EngineContext {
  now(): number;
  /** A fresh id: the prefix plus a monotonic ULID. */
  id(prefix: 'job_' | 'evt_' | 'lse_' | 'sch_' | ''): string;
  readonly jobs: JobStore;
  readonly schedules: ScheduleStore;
  readonly timeline: Timeline<TimedTask>;
  /** The workers seen claiming, by `worker_id`: when and from which queues they last asked. */
  readonly claimants: Map<string, { lastClaimMs: number; queues: string[] }>;
  readonly cursors: CursorCodec;
  /** `Idempotency-Key`s, and the per-item keys of batch requests, which share their scopes. */
  readonly idempotency: IdempotencyStore;
  /** The server's retry backoff after `attempts` failed attempts, in ms. */
  backoffMs(attempts: number): number;
  /** Counts a job creation against the daily quota (402 `quota_exceeded` past it). */
  chargeJob(): void;
  /** Records a terminal transition's webhook event. */
  emit(type: WebhookEventType, record: JobRecord): void;
  /** Adds an entry to the job's history (dated now unless given) and reports the change. */
  note(record: JobRecord, event: Omit<JobEvent, 'at'> & { at?: string }): void;
  /** Reports a change that is not a job's (a schedule's, say) to the change feed. */
  changed(change: FakeChange): void;
  /** Wakes long-polling claims: a job may have become eligible. */
  notifyReady(): void;
  /**
   * Resolves on the next `notifyReady`, after a short real-time slice (≤ `maxMs`), or as soon as
   * `signal` aborts.
   */
  waitForWork(maxMs: number, signal?: AbortSignal): Promise<void>;
}

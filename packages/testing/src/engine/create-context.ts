import type { Job, WebhookEventType } from '@flare/core';
import type { FakeClock } from '../clock.js';
import type { FakeChange } from '../internal/change-feed.js';
import { Timeline } from '../internal/timeline.js';
import type { UlidGenerator } from '../internal/ulid.js';
import type { EngineContext, TimedTask } from './context.js';
import { IdempotencyStore } from './idempotency.js';
import { CursorCodec } from './jobs/cursor.js';
import { appendEvent, type JobEvent } from './jobs/job-history.js';
import { iso, toWire } from './jobs/job-record.js';
import { JobStore } from './jobs/job-store.js';
import { ScheduleStore } from './schedules/schedule-store.js';

/** What the shared context is built from. */
export interface ContextInput {
  clock: FakeClock;
  ids: UlidGenerator;
  backoffMs: (attempts: number) => number;
  chargeJob: () => void;
  onEvent?: ((type: WebhookEventType, job: Job, atMs: number) => void) | undefined;
  /** The change feed (the dashboard's live updates). */
  onChange?: ((change: FakeChange) => void) | undefined;
  /** Runs what fell due; long polls call it before looking again. */
  tick: () => void;
}

/** The stores and services every operation shares, including the long-poll wake-ups. */
export function createContext(input: ContextInput): EngineContext {
  const { clock } = input;
  const waiters = new Set<() => void>();
  return {
    now: () => clock.now(),
    id: (prefix) => input.ids.next(clock.now(), prefix),
    jobs: new JobStore(),
    schedules: new ScheduleStore(),
    timeline: new Timeline<TimedTask>(),
    claimants: new Map(),
    cursors: new CursorCodec(),
    idempotency: new IdempotencyStore(),
    backoffMs: input.backoffMs,
    chargeJob: input.chargeJob,
    emit: (type, record) => input.onEvent?.(type, toWire(record), clock.now()),
    note: (record, event) => {
      const entry =
        event.at === undefined ? { ...event, at: iso(clock.now()) } : (event as JobEvent);
      // A first entry makes an array of its exact size (a push onto `[]` reserves 17 slots):
      // most jobs of a burst keep that one entry until claimed, and the fake keeps every job.
      if (record.history.length === 0) record.history = [entry];
      else appendEvent(record.history, entry);
      input.onChange?.({ kind: 'job', id: record.id, event: event.kind });
    },
    changed: (change) => input.onChange?.(change),
    notifyReady: () => {
      for (const wake of waiters) queueMicrotask(wake);
    },
    waitForWork: (maxMs, signal) =>
      new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          signal?.removeEventListener('abort', wake);
          input.tick();
          resolve();
        };
        // Also look again every 25 ms: time passing on the clock can make a job due.
        const timer = setTimeout(wake, Math.min(maxMs, 25));
        waiters.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      }),
  };
}

import type { EngineContext } from '../context.js';
import { iso, TERMINAL } from '../jobs/job-record.js';
import { createJob } from '../jobs/transitions.js';
import { nextTick } from './cron-next.js';
import type { ScheduleRecord } from './schedule-store.js';

/** Sets `next_run_at` to the first tick after `afterMs` and puts it on the timeline. */
export function plan(ctx: EngineContext, r: ScheduleRecord, afterMs: number): void {
  const next = nextTick(r.cron, r.schedule.timezone, afterMs);
  ctx.schedules.update(r, () => {
    r.schedule = { ...r.schedule, next_run_at: next === undefined ? null : iso(next) };
  });
  // `update` bumped the version: entries queued for the schedule before this are now stale.
  if (next !== undefined) {
    ctx.timeline.add(next, { kind: 'schedule', id: r.id, version: r.version });
  }
  ctx.changed({ kind: 'schedule', id: r.id });
}

/**
 * A tick at `at`: enqueue one job from the template (unless `overlap: skip` finds the previous
 * one unfinished), then plan the next tick. Each tick fires once: the next is strictly later.
 */
export function fireSchedule(ctx: EngineContext, r: ScheduleRecord, at: number): void {
  const s = r.schedule;
  const previous = r.lastJobId === null ? undefined : ctx.jobs.byId.get(r.lastJobId);
  const busy = previous !== undefined && !TERMINAL.has(previous.job.state);
  if (s.overlap === 'allow' || !busy) {
    const job = createJob(
      ctx,
      {
        job_type: s.job_type,
        payload: s.payload,
        queue: s.queue,
        max_attempts: s.max_attempts,
        runAtMs: null,
        tags: s.tags,
        scheduleId: s.id,
        scheduledForMs: at,
      },
      at,
    );
    ctx.schedules.update(r, () => {
      r.lastJobId = job.id;
      r.schedule = { ...r.schedule, last_run_at: iso(at) };
    });
  }
  plan(ctx, r, at);
}

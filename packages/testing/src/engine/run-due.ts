import type { EngineContext } from './context.js';
import { promote } from './jobs/transitions.js';
import { fireSchedule } from './schedules/schedule-ticks.js';
import { failAttempt } from './workers/attempts.js';

/**
 * Applies every timed change the clock has reached, earliest first: scheduled jobs become
 * pending at `run_at`, expired leases fail their attempt (`lease_expired`), schedules tick.
 * Entries whose record changed since they were queued (older `version`) are skipped.
 */
export function runDue(ctx: EngineContext): void {
  const { timeline, jobs, schedules } = ctx;
  for (;;) {
    const now = ctx.now();
    const task = timeline.popDue(now);
    if (!task) return;
    if (task.kind === 'schedule') {
      const s = schedules.byId.get(task.id);
      if (s && s.version === task.version && s.schedule.next_run_at) {
        fireSchedule(ctx, s, Date.parse(s.schedule.next_run_at));
      }
      continue;
    }
    const r = jobs.byId.get(task.id);
    if (!r || r.version !== task.version) continue;
    if (task.kind === 'promote') promote(ctx, r, r.runAtMs ?? now);
    else if (r.lease) {
      const message = `Lease ${r.lease.id} expired before the job finished`;
      failAttempt(
        ctx,
        r,
        { message, type: 'lease_expired' },
        {
          retryable: true,
          atMs: r.lease.expiresMs,
        },
      );
    }
  }
}

import type { FakeClock } from '../clock.js';
import type { Dispatcher } from '../dispatcher.js';
import { ApiFailure } from '../engine/api-failure.js';
import type { Engine } from '../engine/engine.js';
import { iso, type JobRecord, toWire } from '../engine/jobs/job-record.js';
import { listJobs } from '../engine/jobs/job-routes.js';
import type { OperationResult } from '../engine/operation.js';
import { nextTick } from '../engine/schedules/cron-next.js';
import type { WebhookOutbox } from '../engine/webhooks/webhook-outbox.js';

/** The fake's parts the dashboard reads (never writes: controls go through `/_fake/*`). */
export interface DashboardParts {
  clock: Pick<FakeClock, 'frozen'>;
  engine: Engine;
  outbox: WebhookOutbox;
  dispatcher: Dispatcher;
}

/** The most requests one page of the request log shows (newest first). */
const REQUESTS_SHOWN = 200;

/** The dashboard's read models: plain JSON for each view, computed on demand. */
export function dashboardData({ clock, engine, outbox, dispatcher }: DashboardParts) {
  const ctx = engine.ctx;
  const hooksOf = (jobId: string) =>
    outbox.records
      .filter((w) => w.event.data.job.id === jobId)
      .map((w) => ({ id: w.event.id, type: w.event.type, status: w.status, attempts: w.attempts }));
  return {
    overview: () => ({
      now: iso(ctx.now()),
      frozen: clock.frozen,
      jobs: ctx.jobs.byId.size,
      delivers_webhooks: outbox.delivers,
      faults: dispatcher.faults.active.map((f) => ({
        fault: { ...f.fault, path: f.fault.path === undefined ? undefined : String(f.fault.path) },
        remaining: f.remaining,
        hits: f.hits,
      })),
    }),
    /** One page, exactly as `GET /v1/jobs` filters and paginates it; bad filters are a 400. */
    jobs: (query: URLSearchParams) => {
      engine.tick();
      const q = new Map<string, string[]>();
      for (const key of new Set(query.keys())) {
        const values = query.getAll(key).filter((v) => v !== '');
        if (values.length > 0) q.set(key, values);
      }
      // listJobs is synchronous (only claims and injected delays are not).
      const page = listJobs(ctx, {
        id: '',
        query: q,
        body: undefined,
        bodyChars: 0,
        apiKey: '',
        requestId: '',
      });
      return (page as OperationResult).body;
    },
    job: (id: string) => {
      engine.tick();
      const r = ctx.jobs.byId.get(id);
      if (!r) throw new ApiFailure(404, 'resource_missing', `No such job: ${id}`);
      return {
        job: toWire(r),
        lease: lease(r),
        schedule: r.job.schedule_id
          ? { id: r.job.schedule_id, tick_at: r.job.scheduled_for }
          : null,
        history: r.history,
        webhooks: hooksOf(id),
      };
    },
    /** Running jobs grouped by the `worker_id` of the claim that holds them. */
    workers: () => {
      engine.tick();
      const byWorker = new Map<string, ReturnType<typeof held>[]>();
      for (const r of ctx.jobs.byId.values()) {
        if (r.job.state !== 'running' || !r.lease) continue;
        const key = r.lease.workerId ?? '';
        byWorker.set(key, [...(byWorker.get(key) ?? []), held(r)]);
      }
      // Workers seen claiming come first (most recent claim first), then any other holder.
      const seen = [...ctx.claimants].reverse();
      const workers = seen.map(([id, c]) => ({
        worker_id: id as string | null,
        last_claim_at: iso(c.lastClaimMs) as string | null,
        queues: c.queues,
        jobs: byWorker.get(id) ?? [],
      }));
      for (const [id, jobs] of byWorker) {
        if (id === '' || !ctx.claimants.has(id)) {
          workers.push({ worker_id: id || null, last_claim_at: null, queues: [], jobs });
        }
      }
      return { now: iso(ctx.now()), workers };
    },
    schedules: () => {
      engine.tick();
      const now = ctx.now();
      const schedules = [...ctx.schedules.all.descending()].map((s) => {
        const next: string[] = [];
        let after = now;
        for (let i = 0; i < 5 && !s.schedule.paused; i++) {
          const at = nextTick(s.cron, s.schedule.timezone, after);
          if (at === undefined) break;
          next.push(iso(at));
          after = at;
        }
        return { ...s.schedule, next_runs: next };
      });
      return { schedules };
    },
    webhooks: () => ({
      delivers: outbox.delivers,
      webhooks: outbox.records
        .map((w) => ({
          id: w.event.id,
          type: w.event.type,
          job_id: w.event.data.job.id,
          created_at: w.event.created_at,
          status: w.status,
          attempts: w.attempts,
        }))
        .reverse(),
    }),
    requests: () => ({
      requests: dispatcher.requests
        .slice(-REQUESTS_SHOWN)
        .map((r) => ({
          method: r.method,
          path: r.path,
          status: r.response?.status ?? null,
          request_id: r.response?.headers['x-request-id'] ?? r.headers['x-request-id'] ?? null,
          idempotency_key: r.headers['idempotency-key'] ?? null,
          replayed: r.response?.headers['idempotent-replayed'] === 'true',
          fault: r.fault ?? null,
        }))
        .reverse(),
    }),
  };
}

/** The dashboard's read models, as `dashboardData` builds them. */
export type DashboardData = ReturnType<typeof dashboardData>;

function lease(r: JobRecord) {
  if (!r.lease) return null;
  return { id: r.lease.id, worker_id: r.lease.workerId, expires_at: iso(r.lease.expiresMs) };
}

function held(r: JobRecord) {
  return { job: toWire(r), lease: lease(r) };
}

import { MAX_BATCH_BODY_CHARS } from './batch.js';
import { createJobs } from './jobs/create-jobs.js';
import * as jobs from './jobs/job-routes.js';
import type { Operation } from './operation.js';
import * as schedules from './schedules/schedule-routes.js';
import { completeJobs, failJobs } from './workers/settle-jobs.js';
import * as workers from './workers/worker-routes.js';

/** One endpoint: its method, path pattern (`{id}` captured) and operation. */
export interface Route {
  method: string;
  path: string;
  operationId: string;
  operation: Operation;
  /** POSTs whose body is required (the others accept none). */
  bodyRequired: boolean;
  /** The largest body it reads (batch bodies are larger than the default 2 MiB). */
  maxBodyChars?: number;
}

/** A batch endpoint: a required body of up to `MAX_BATCH_BODY_CHARS`. */
const batch = (path: string, operationId: string, operation: Operation): Route => ({
  ...route('POST', path, operationId, operation, true),
  maxBodyChars: MAX_BATCH_BODY_CHARS,
});

const route = (
  method: string,
  path: string,
  operationId: string,
  operation: Operation,
  bodyRequired = false,
): Route => ({ method, path, operationId, operation, bodyRequired });

/** Every endpoint of `spec/openapi.yaml`. Literal segments win over `{id}` (`/v1/jobs/claim`). */
export const ROUTES: readonly Route[] = [
  route('POST', '/v1/jobs', 'createJob', jobs.createJob, true),
  route('GET', '/v1/jobs', 'listJobs', jobs.listJobs),
  batch('/v1/jobs/batch', 'createJobs', createJobs),
  route('POST', '/v1/jobs/claim', 'claimJobs', workers.claimJobs, true),
  batch('/v1/jobs/complete', 'completeJobs', completeJobs),
  batch('/v1/jobs/fail', 'failJobs', failJobs),
  route('GET', '/v1/jobs/{id}', 'getJob', jobs.getJob),
  route('POST', '/v1/jobs/{id}/cancel', 'cancelJob', jobs.cancelJob),
  route('POST', '/v1/jobs/{id}/retry', 'retryJob', jobs.retryJob),
  route('POST', '/v1/jobs/{id}/heartbeat', 'heartbeatJob', workers.heartbeatJob, true),
  route('POST', '/v1/jobs/{id}/complete', 'completeJob', workers.completeJob, true),
  route('POST', '/v1/jobs/{id}/fail', 'failJob', workers.failJob, true),
  route('POST', '/v1/jobs/{id}/release', 'releaseJob', workers.releaseJob, true),
  route('POST', '/v1/schedules', 'createSchedule', schedules.createSchedule, true),
  route('GET', '/v1/schedules', 'listSchedules', schedules.listSchedules),
  route('GET', '/v1/schedules/{id}', 'getSchedule', schedules.getSchedule),
  route('POST', '/v1/schedules/{id}', 'updateSchedule', schedules.updateSchedule, true),
  route('DELETE', '/v1/schedules/{id}', 'deleteSchedule', schedules.deleteSchedule),
  route('POST', '/v1/schedules/{id}/pause', 'pauseSchedule', schedules.pauseSchedule),
  route('POST', '/v1/schedules/{id}/resume', 'resumeSchedule', schedules.resumeSchedule),
];

/** The route for a method and path, with the decoded `{id}`; `undefined` when none matches. */
export function matchRoute(method: string, path: string): { route: Route; id: string } | undefined {
  const parts = path.split('/');
  let fallback: { route: Route; id: string } | undefined;
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const pattern = r.path.split('/');
    if (pattern.length !== parts.length) continue;
    let id: string | undefined;
    let literal = true;
    const ok = pattern.every((seg, i) => {
      if (seg !== '{id}') return seg === parts[i];
      literal = false;
      id = parts[i];
      return id !== '';
    });
    if (!ok) continue;
    if (literal) return { route: r, id: '' };
    fallback ??= { route: r, id: decode(id!) };
  }
  return fallback;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

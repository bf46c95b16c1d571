import type http from 'node:http';
import { json as send } from '@flare/test-support/local-server';
import { job as coreJob } from '@flare/test-support/wire';

/** Queues already served: a drain's first claim gets the scripted jobs, later ones none. */
const served = new Set<string>();

/** The jobs a queue's first claim returns, by its prefix (each runtime's run has its own queue). */
function scripted(queue: string) {
  const lease = (n: number) => ({
    id: `lse_${String(n).padStart(26, '0')}`,
    expires_at: new Date(Date.now() + 60_000).toISOString(),
  });
  const claimed = (id: string, job_type: string, payload: object, n: number) =>
    coreJob({ id, job_type, queue, payload, state: 'running', attempts: 1, lease: lease(n) });
  const key = queue.slice(queue.indexOf('-') + 1);
  if (queue.startsWith('drain-')) {
    return [
      claimed(`job_${key}_ping1`, 'Ping', { n: 1 }, 1),
      claimed(`job_${key}_ping2`, 'Ping', { n: 2 }, 2),
      claimed(`job_${key}_fail`, 'Fail', {}, 3),
    ];
  }
  if (queue.startsWith('deadline-')) return [claimed(`job_${key}_slow`, 'Slow', {}, 4)];
  return [];
}

/**
 * The worker protocol for the runtime checks' `drain()`: claim (scripted per queue), heartbeat,
 * complete (single and batch forms), fail and release (each answered with the job). Returns
 * false for other requests.
 */
export function workerRoute(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
  const url = new URL(req.url ?? '/', 'http://stub');
  if (req.method !== 'POST') return false;
  if (url.pathname === '/v1/jobs/claim') {
    const queue: string = JSON.parse(body).queues[0];
    const jobs = served.has(queue) ? [] : scripted(queue);
    served.add(queue);
    send(res, 200, { jobs });
    return true;
  }
  if (url.pathname === '/v1/jobs/complete') {
    // The batch form FlareWorker acknowledges with: each item answered with its job.
    const items: { id: string }[] = JSON.parse(body).jobs;
    const results = items.map(({ id }) => ({
      status: 200,
      job: coreJob({ id, state: 'succeeded' }),
    }));
    send(res, 200, { results });
    return true;
  }
  const action = /^\/v1\/jobs\/([^/]+)\/(heartbeat|complete|fail|release)$/.exec(url.pathname);
  if (!action) return false;
  const state = { heartbeat: 'running', complete: 'succeeded', fail: 'failed', release: 'pending' }[
    action[2] as 'heartbeat'
  ];
  send(res, 200, coreJob({ id: action[1], state }));
  return true;
}

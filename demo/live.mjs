// `pnpm demo --keep`: after the demo, jobs keep flowing through the fake so the dashboard has
// something to show. A producer enqueues a job every couple of seconds; a worker claims them
// over the wire protocol (worker_id "demo-worker"), reports progress and completes or fails them.
// (The SDK's FlareWorker will take the worker's place once it ships.)

import { setTimeout as delay } from 'node:timers/promises';

const TYPES = ['ResizeImage', 'SendWelcomeEmail', 'GenerateInvoice', 'SyncCrm'];

/** Runs until `signal` aborts; resolves once both loops have stopped. */
export async function keepJobsFlowing({ flare, url, apiKey, signal }) {
  const sleep = (ms) => delay(ms, undefined, { signal });
  const post = (path, body) =>
    fetch(url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    }).then((r) => r.json());
  let n = 0;
  const produce = async () => {
    while (!signal.aborted) {
      const job_type = TYPES[n % TYPES.length];
      await flare.createJob({ job_type, payload: { n: ++n }, tags: n % 3 ? [] : ['batch'] });
      await sleep(2_000);
    }
  };
  const work = async () => {
    while (!signal.aborted) {
      const { jobs = [] } = await post('/v1/jobs/claim', {
        queues: ['default'],
        worker_id: 'demo-worker',
        lease_seconds: 30,
        wait_ms: 1_000,
      });
      for (const job of jobs) {
        for (let percent = 20; percent <= 100; percent += 20) {
          await sleep(700);
          const progress = { percent, message: `step ${percent / 20} of 5` };
          await post(`/v1/jobs/${job.id}/heartbeat`, { lease_id: job.lease.id, progress });
        }
        if (job.payload.n % 5 === 0) {
          const error = { message: 'Upstream timed out', type: 'TimeoutError' };
          await post(`/v1/jobs/${job.id}/fail`, { lease_id: job.lease.id, error, retryable: true });
        } else {
          await post(`/v1/jobs/${job.id}/complete`, {
            lease_id: job.lease.id,
            result: { ok: true },
          });
        }
      }
    }
  };
  const quietly = (loop) => loop().catch((error) => signal.aborted || Promise.reject(error));
  await Promise.all([quietly(produce), quietly(work)]);
}

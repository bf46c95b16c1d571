// `pnpm demo --keep`: after the demo, jobs keep flowing through the fake so the dashboard has
// something to show. A producer enqueues a job every couple of seconds; a FlareWorker
// (worker id "demo-worker") runs them, reports progress and completes or fails them.

import { setTimeout as delay } from 'node:timers/promises';
import { FlareWorker } from '@flare/node';

const TYPES = ['ResizeImage', 'SendWelcomeEmail', 'GenerateInvoice', 'SyncCrm'];

/** Runs until `signal` aborts; resolves once the producer and the worker have stopped. */
export async function keepJobsFlowing({ flare, signal }) {
  const sleep = (ms) => delay(ms, undefined, { signal });
  const steps = async (job, ctx) => {
    for (let percent = 20; percent <= 100; percent += 20) {
      await delay(700, undefined, { signal: ctx.signal });
      ctx.progress(percent, `step ${percent / 20} of 5`);
    }
    if (job.payload.n % 5 === 0) throw new Error('Upstream timed out');
    return { ok: true };
  };
  const worker = new FlareWorker({
    client: flare,
    handlers: Object.fromEntries(TYPES.map((type) => [type, steps])),
    workerId: 'demo-worker',
    leaseSeconds: 6, // a heartbeat every 2 s, so the page's progress bars move
    pollWaitMs: 1_000,
    shutdownTimeoutMs: 2_000,
    handleSignals: false,
  });
  const running = worker.run();
  let n = 0;
  try {
    while (!signal.aborted) {
      const job_type = TYPES[n % TYPES.length];
      await flare.createJob({ job_type, payload: { n: ++n }, tags: n % 3 ? [] : ['batch'] });
      await sleep(2_000);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    await worker.close();
    await running;
  }
}

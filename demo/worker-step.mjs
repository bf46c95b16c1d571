// `pnpm demo`'s worker step: jobs the demo enqueues are run by a FlareWorker, as a worker process
// would run them: progress reported, one cancelled while it runs, one failing and then succeeding
// on its retry.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { FlareWorker, LeaseLostError } from '@flare/node';

/** Resolves with the first event `name` for which `match` holds. */
const once = (worker, name, match) =>
  new Promise((resolve) => {
    const off = worker.on(name, (event) => {
      if (match(event)) {
        off();
        resolve(event);
      }
    });
  });

export async function workerStep({ flare, fake, step, short }) {
  const seen = [];
  const worker = new FlareWorker({
    client: flare,
    handlers: {
      // Reports progress as it goes; a heartbeat carries the latest value to the API.
      ResizeImage: async (_job, ctx) => {
        for (const percent of [25, 50, 75, 100]) {
          await sleep(600, undefined, { signal: ctx.signal });
          ctx.progress(percent, `${percent / 25} of 4 sizes`);
        }
        return { sizes: 4 };
      },
      // Runs until its signal aborts: cancelling the job reaches it at the next heartbeat.
      ImportCsv: async (_job, ctx) => {
        await new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }),
        );
      },
      // The CRM is down on the first attempt; the retry goes through.
      SyncCrm: async (job, ctx) => {
        if (ctx.attempt === 1) throw new Error('CRM answered 503');
        return { synced: job.payload.contact };
      },
    },
    concurrency: 4,
    leaseSeconds: 6, // heartbeats every 2 s
    pollWaitMs: 1_000,
    handleSignals: false,
  });
  worker.on('progress', ({ percent }) => seen.push(percent));
  const running = worker.run();

  // Listen before enqueueing: an idle worker's long poll picks a job up at once.
  const byType = (type) => (e) => e.job.job_type === type;
  const resized = once(worker, 'succeeded', byType('ResizeImage'));
  const lost = once(worker, 'leaseLost', byType('ImportCsv'));
  const firstFailure = once(worker, 'failed', byType('SyncCrm'));
  const csvStarted = once(worker, 'started', byType('ImportCsv'));
  const [resize, csv, crm] = await Promise.all([
    flare.createJob({ job_type: 'ResizeImage', payload: { image: 'cat.png' } }),
    flare.createJob({ job_type: 'ImportCsv', payload: { file: 'contacts.csv' } }),
    flare.createJob({ job_type: 'SyncCrm', payload: { contact: 'alice' } }),
  ]);

  // Cancel the import once it is running; the worker hears of it at its next heartbeat.
  await csvStarted;
  const cancelledAt = performance.now();
  await flare.cancelJob(csv.id);
  // Progress is visible through the API once a heartbeat has carried it.
  let polled = null;
  while (!polled) {
    polled = (await flare.getJob(resize.id))?.progress ?? null;
    if (!polled) await sleep(200);
  }
  const [done, gone, failure] = await Promise.all([resized, lost, firstFailure]);
  const heardIn = ((performance.now() - cancelledAt) / 1000).toFixed(1);
  assert.ok(LeaseLostError.isInstance(gone.error) || gone.reason);

  // The failed attempt's retry waits out the server's backoff: move the fake clock past it.
  const retried = once(worker, 'succeeded', (e) => e.job.id === crm.id);
  fake.clock.advance(10 * 60_000);
  const synced = await retried;
  await worker.close();
  await running;

  const crmJob = await flare.getJob(crm.id);
  assert.equal((await flare.getJob(resize.id))?.state, 'succeeded');
  assert.equal((await flare.getJob(csv.id))?.state, 'cancelled');
  assert.equal(crmJob?.state, 'succeeded');
  assert.equal(crmJob?.attempts, 2);
  step(
    'worker ran 3 jobs',
    `FlareWorker, concurrency 4: ${resize.job_type} progress ${seen.join('% → ')}% (getJob saw ${polled.percent}% "${polled.message}") → ${JSON.stringify(done.result)}`,
  );
  step(
    '',
    `${csv.job_type} ${short(csv.id)} cancelled while running: its ctx.signal aborted ${heardIn} s later (${gone.reason}), no result sent`,
  );
  step(
    '',
    `${crm.job_type} attempt 1 failed ("${failure.error.message}", retried: ${!failure.final}), attempt 2 → ${JSON.stringify(synced.result)}`,
  );
}

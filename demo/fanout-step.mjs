// `pnpm demo`'s fan-out step: a thousand welcome emails enqueued with createJobs (100 per request),
// one item refused before anything is sent and one batch's answer lost to a 503; the same call
// again, which creates nothing; then a FlareWorker drains them, acknowledging completions in
// batches, and every job's webhook reaches the app's route.
import assert from 'node:assert/strict';
import { defineJob, FlareWorker, ValidationError } from '@flare/node';
import { z } from 'zod';

export async function fanoutStep({ flare, fake, receiver, step }) {
  const welcome = defineJob({ type: 'WelcomeEmail', payload: z.object({ email: z.email() }) });
  const users = Array.from({ length: 1_000 }, (_, id) => ({ id, email: `user${id}@example.com` }));
  users[500].email = 'user500-at-example';
  // Each item keyed by its user: running the fan-out again never sends anyone a second email.
  const items = users.map((u) => ({
    job: welcome,
    payload: { email: u.email },
    queue: 'fanout',
    idempotency_key: `welcome-${u.id}`,
  }));
  const posts = (path) => fake.requests.filter((r) => r.method === 'POST' && r.path === path);
  const before = posts('/v1/jobs/batch').length;
  // The first batch is written, then its answer is lost: the retry gets it replayed.
  fake.inject({ method: 'POST', path: '/v1/jobs/batch', status: 503, afterProcessing: true });
  const results = await flare.createJobs(items);
  const sent = posts('/v1/jobs/batch').slice(before);
  const bad = results[500];
  assert.equal(results.filter((r) => r.ok).length, 999);
  assert.equal(!bad.ok && ValidationError.isInstance(bad.error), true);
  assert.deepEqual(
    sent.map((r) => r.response?.status),
    [503, ...Array(10).fill(200)],
  );
  step(
    'fanned out',
    `createJobs(1,000 typed items) → 999 created in ${sent.length - 1} requests (+1 retry: a lost answer, replayed); item 500 → ${bad.error.name} (param ${bad.error.param}), not sent`,
  );

  // The same call again: every item's key is known, so each comes back replayed.
  const again = await flare.createJobs(items);
  const queued = () => fake.jobs.filter((j) => j.queue === 'fanout');
  assert.equal(
    again.every((r, i) =>
      i === 500 ? !r.ok : r.ok && r.replayed && r.job.id === results[i].job.id,
    ),
    true,
  );
  assert.equal(queued().length, 999);

  // A worker drains the queue; completions that finish together share one request.
  const webhooks = receiver.events.length;
  const acksBefore = posts('/v1/jobs/complete').length;
  const drained = await new FlareWorker({ client: flare, queues: ['fanout'], concurrency: 64 })
    .handle(welcome, async ({ email }) => ({ sentTo: email }))
    .drain({ deadlineMs: 30_000 });
  const acks = posts('/v1/jobs/complete').length - acksBefore;
  assert.equal(drained.succeeded, 999);
  assert.equal(
    queued().every((j) => j.state === 'succeeded'),
    true,
  );
  await fake.webhooksSettled();
  const delivered = receiver.events.slice(webhooks).filter((e) => e.type === 'job.succeeded');
  assert.equal(delivered.length, 999);
  step(
    '',
    `run again → 999 replayed, 0 new jobs; FlareWorker drained 999 in ${(drained.durationMs / 1000).toFixed(1)} s, acknowledged in ${acks} requests; 999 job.succeeded webhooks verified`,
  );
}

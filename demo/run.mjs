// `pnpm demo`: the fake Flare over HTTP, driven by @flare/node the way an app would use it.
import assert from 'node:assert/strict';
import { defineJob, FlareClient, FlareWorker, syncSchedules, ValidationError } from '@flare/node';
import { FakeFlare } from '@flare/testing';
import { z } from 'zod';
import { fanoutStep } from './fanout-step.mjs';
import { keepJobsFlowing } from './live.mjs';
import { startWebhookReceiver } from './webhook-receiver.mjs';
import { workerStep } from './worker-step.mjs';

const API_KEY = 'zf_test_sk_demo';
const SECRET = 'whsec_demo_secret';
const started = performance.now();
const lines = [];
let n = 0;
const step = (title, detail) =>
  lines.push(`  ${(title ? `${++n}.` : '').padStart(3)} ${title.padEnd(22)}${detail}`);
const short = (id) => `job_…${id.slice(-6)}`;

const receiver = await startWebhookReceiver({ secret: SECRET, failFirst: true });
const fake = new FakeFlare({
  apiKeys: [API_KEY],
  webhooks: { url: receiver.url, secret: SECRET, retryDelayMs: 50 },
});
const server = await fake.listen({ port: 0, quiet: true });
const keep = process.argv.includes('--keep');
// A real app's client: default retries and backoff; only the base URL points at the fake.
const flare = new FlareClient({ apiKey: API_KEY, baseUrl: server.url });

try {
  // 1. Create jobs.
  const welcome = await flare.createJob({
    job_type: 'SendWelcomeEmail',
    payload: { email: 'alice@example.com' },
    tags: ['onboarding'],
  });
  const invoice = await flare.createJob({
    job_type: 'GenerateInvoice',
    payload: { order: 1041 },
    queue: 'billing',
  });
  const digest = await flare.createJob({
    job_type: 'SendDigest',
    payload: { list: 'weekly' },
    run_at: new Date(Date.now() + 3_600_000),
  });
  assert.equal(digest.state, 'scheduled');
  step(
    'created 3 jobs',
    `${welcome.job_type} ${welcome.state} · ${invoice.job_type} ${invoice.state} · ${digest.job_type} ${digest.state} (+1 h)`,
  );

  // 2. Read and list.
  const read = await flare.getJob(welcome.id);
  assert.equal(read?.id, welcome.id);
  const page = await flare.listJobs({ limit: 2 });
  const all = [];
  for await (const job of flare.listJobs({ limit: 2 })) all.push(job.id);
  assert.deepEqual(all, [digest.id, invoice.id, welcome.id]);
  step(
    'read and listed',
    `getJob ${short(welcome.id)} → ${read.state}; listJobs(limit 2) → ${page.jobs.length} + more (has_more ${page.has_more}); ${all.length} jobs, newest first`,
  );

  // 3. Cancel one.
  const cancelled = await flare.cancelJob(digest.id);
  assert.equal(cancelled.state, 'cancelled');
  step('cancelled', `${digest.job_type} ${short(digest.id)} → ${cancelled.state}`);

  // 4. A worker failure (driven through the fake), then a retry through the API.
  fake.failJob(invoice.id, { message: 'PDF renderer crashed', type: 'RenderError' });
  const failed = await flare.getJob(invoice.id);
  const retried = await flare.retryJob(invoice.id);
  assert.equal(failed?.state, 'failed');
  assert.equal(retried.state, 'pending');
  step(
    'failed, then retried',
    `${invoice.job_type} → failed ("${failed.last_error.message}") → retryJob → ${retried.state}, attempts ${retried.attempts}`,
  );

  // 5. A worker success (driven through the fake).
  fake.completeJob(welcome.id, { message_id: 'msg_123' });
  const done = await flare.getJob(welcome.id);
  assert.equal(done?.state, 'succeeded');
  step('completed', `${welcome.job_type} → ${done.state}, result ${JSON.stringify(done.result)}`);

  // 6. An outage mid-write: the first answer is lost after the job was created (503), then the
  // API is rate limited (429, Retry-After 1). The SDK retries with the same Idempotency-Key.
  const before = (await flare.listJobs({ limit: 100 })).jobs.length;
  fake.inject({ method: 'POST', path: '/v1/jobs', status: 503, afterProcessing: true });
  fake.inject({ method: 'POST', path: '/v1/jobs', status: 429, headers: { 'retry-after': '1' } });
  const t = performance.now();
  const charge = await flare
    .createJob(
      { job_type: 'ChargeCard', payload: { order: 1042, cents: 4999 } },
      { idempotencyKey: 'order-1042' },
    )
    .withResponse();
  const waited = ((performance.now() - t) / 1000).toFixed(1);
  const after = (await flare.listJobs({ limit: 100 })).jobs.length;
  const tries = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/jobs').slice(-3);
  const keys = new Set(tries.map((r) => r.headers['idempotency-key']));
  assert.deepEqual(
    tries.map((r) => r.response?.status),
    [503, 429, 201],
  );
  assert.equal(charge.attempts, 3);
  assert.equal(charge.replayed, true);
  assert.equal(keys.size, 1);
  assert.equal(after, before + 1);
  step(
    'rode out 503 + 429',
    `createJob(ChargeCard) → ${tries.map((r) => r.response?.status).join(' → ')} in ${waited} s, transparently`,
  );
  step(
    '',
    `${charge.attempts} attempts, 1 Idempotency-Key (${[...keys][0]}), answer replayed; jobs ${before} → ${after}: no duplicate`,
  );

  // 7. Webhooks: signed by the fake, delivered to the local route, verified with verifyWebhook.
  await fake.webhooksSettled();
  const types = receiver.events.map((e) => e.type);
  // At-least-once and unordered, as the contract says: the redelivered one arrives last.
  assert.deepEqual([...types].sort(), ['job.cancelled', 'job.failed', 'job.succeeded']);
  const redelivered = receiver.statuses.filter((s) => s === 500).length;
  step(
    'webhooks verified',
    `${types.length} events on /webhooks/flare, each verified with verifyWebhook: ${types.join(', ')}`,
  );
  step(
    '',
    `route answered ${receiver.statuses.join(', ')}: the ${redelivered} delivery it refused was redelivered`,
  );

  // 8. Many jobs at once: createJobs, then a worker drains them with batched acknowledgements.
  // (Before the clock moves: the webhooks it causes are verified against real time.)
  await fanoutStep({ flare, fake, receiver, step });

  // 9. Schedules as code: one keyed schedule, synced twice (the second sync writes nothing), then
  // the fake clock moves three hours: one job per tick, each stamped with the tick it stands for.
  // (After the webhooks: moving the clock would age their signatures.)
  const HOUR = 3_600_000;
  const declared = [{ key: 'hourly-report', cron: '0 * * * *', job_type: 'BuildReport' }];
  const first = await syncSchedules(flare, declared, { prune: true });
  const writes = fake.requests.filter((r) => r.method !== 'GET').length;
  const second = await syncSchedules(flare, declared, { prune: true });
  assert.equal(first.created.length, 1);
  assert.deepEqual(second.unchanged, first.created);
  assert.equal(fake.requests.filter((r) => r.method !== 'GET').length, writes);
  const [schedule] = first.created;
  const from = fake.clock.now();
  fake.clock.advance(3 * HOUR);
  const ticks = [];
  for await (const job of flare.listJobs({ job_type: 'BuildReport' })) {
    if (job.schedule_id === schedule.id) ticks.push(job.scheduled_for);
  }
  const expected = Math.floor(fake.clock.now() / HOUR) - Math.floor(from / HOUR);
  assert.equal(ticks.length, expected);
  assert.equal(new Set(ticks).size, ticks.length);
  step(
    'schedules as code',
    `syncSchedules → created ${first.created.length}, again → unchanged ${second.unchanged.length} (no write); key ${schedule.key}, cron "${schedule.cron}"`,
  );
  step(
    '',
    `fake clock +3 h → ${ticks.length} jobs, one per tick: ${ticks
      .reverse()
      .map((t) => t.slice(11, 16))
      .join(', ')} UTC`,
  );

  // 10. A typed job, defined once with a zod schema and used on both sides: the producer's payload
  // is checked before it is sent, the worker's handler gets it typed and parsed.
  const sendWelcome = defineJob({
    type: 'SendWelcomeEmail',
    payload: z.object({ email: z.email(), name: z.string() }),
    result: z.object({ messageId: z.string() }),
  });
  const typed = await flare.createJob({
    job: sendWelcome,
    payload: { email: 'bob@example.com', name: 'Bob' },
    queue: 'onboarding',
  });
  const sent = fake.requests.length;
  const refused = await flare
    .createJob({ job: sendWelcome, payload: { email: 'bob-at-example', name: 'Bob' } })
    .catch((error) => error);
  assert.equal(ValidationError.isInstance(refused), true);
  assert.equal(refused.param, 'payload.email');
  assert.equal(fake.requests.length, sent);
  step(
    'typed job',
    `defineJob(SendWelcomeEmail, zod) → createJob ${typed.state}; a bad email → ValidationError (param ${refused.param}), nothing sent`,
  );
  // The worker validates again: a job created without the definition (plain createJob) with a
  // bad email fails at once, not retried, and its handler is never called.
  const bypass = await flare.createJob({
    job_type: 'SendWelcomeEmail',
    payload: { email: 'carol-at-example', name: 'Carol' },
    queue: 'onboarding',
  });
  const greeted = [];
  const drained = await new FlareWorker({ client: flare, queues: ['onboarding'] })
    .handle(sendWelcome, async ({ email, name }) => {
      greeted.push(email);
      return { messageId: `msg-${name.toLowerCase()}` };
    })
    .drain({ deadlineMs: 5_000 });
  const welcomed = await flare.getJob(typed.id);
  const rejected = await flare.getJob(bypass.id);
  assert.deepEqual(greeted, ['bob@example.com']);
  assert.equal(drained.succeeded, 1);
  assert.equal(drained.failed, 1);
  assert.equal(welcomed?.state, 'succeeded');
  assert.equal(rejected?.state, 'failed');
  assert.equal(rejected?.attempts, 1);
  assert.equal(rejected?.last_error?.type, 'ValidationError');
  step(
    '',
    `worker.handle(SendWelcomeEmail) → ${JSON.stringify(welcomed.result)}; a plain createJob with a bad email → ${rejected.state} at once (${rejected.last_error.type}, attempt 1 of ${rejected.max_attempts}), handler not called`,
  );

  // 11. A FlareWorker runs jobs: progress, a cancel while running, a failure then a retry.
  await workerStep({ flare, fake, step, short });

  console.log(`\nFlare demo — @flare/node against the @flare/testing fake at ${server.url}\n`);
  console.log(lines.join('\n'));
  console.log(
    `\nAll ${fake.requests.length} API calls answered by the fake; done in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  console.log(`Dashboard: ${server.dashboardUrl}`);
  if (keep) {
    console.log(
      '\nKeeping the fake running (a producer and a worker keep jobs flowing); Ctrl-C stops.',
    );
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    process.once('SIGTERM', () => stop.abort());
    await keepJobsFlowing({ flare, signal: stop.signal });
  } else {
    console.log('(pnpm demo --keep leaves it running, with jobs flowing, until Ctrl-C)');
  }
} finally {
  await server.close();
  await receiver.close();
}

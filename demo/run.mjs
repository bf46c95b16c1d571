// `pnpm demo`: the fake Flare over HTTP, driven by @flare/node the way an app would use it.
import assert from 'node:assert/strict';
import { FlareClient } from '@flare/node';
import { FakeFlare } from '@flare/testing';
import { keepJobsFlowing } from './live.mjs';
import { startWebhookReceiver } from './webhook-receiver.mjs';

const API_KEY = 'zf_test_sk_demo';
const SECRET = 'whsec_demo_secret';
const started = performance.now();
const lines = [];
let n = 0;
const step = (title, detail) =>
  lines.push(`  ${title ? `${++n}.` : '  '} ${title.padEnd(22)}${detail}`);
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
    await keepJobsFlowing({ flare, url: server.url, apiKey: API_KEY, signal: stop.signal });
  } else {
    console.log('(pnpm demo --keep leaves it running, with jobs flowing, until Ctrl-C)');
  }
} finally {
  await server.close();
  await receiver.close();
}

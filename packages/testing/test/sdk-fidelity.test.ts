// The built @flare/node client against the fake over real HTTP: every request the SDK sends and
// every response the fake gives is validated against spec/openapi.yaml (see helpers/fidelity.ts).
import {
  AuthError,
  ConflictError,
  FlareClient,
  type Job,
  NotFoundError,
  RateLimitError,
  ServerError,
  verifyWebhook,
} from '@flare/node';
import type { RunningServer } from '@flare/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyBody } from './helpers/call.js';
import { createFake, validatedExchanges } from './helpers/fidelity.js';

const fake = createFake({}, { requests: true });
let server: RunningServer;
let flare: FlareClient;

beforeAll(async () => {
  server = await fake.listen();
  flare = new FlareClient({
    apiKey: 'zf_test_sk_fake',
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 20,
  });
});
afterAll(() => server.close());

describe('@flare/node against the fake', () => {
  it('round-trips every job call with spec-valid requests and responses', async () => {
    const runAt = new Date(fake.clock.now() + 3_600_000);
    const scheduled = await flare.createJob({
      job_type: 'Report.Monthly',
      payload: { month: '2026-01', ids: [1, 2] },
      queue: 'reports',
      max_attempts: 5,
      run_at: runAt,
      tags: ['finance', 'monthly'],
    });
    expect(scheduled).toMatchObject({ state: 'scheduled', run_at: runAt.toISOString() });
    const plain = await flare.createJob(
      { job_type: 'SendWelcomeEmail', payload: { to: 'a@b.c' } },
      { requestId: 'trace-1' },
    );
    expect(await flare.getJob(plain.id)).toEqual(plain);
    expect(await flare.getJob('job_01JDQ3Z8K4M6W2T9R5X7Y1B3C5')).toBeNull();

    const page = await flare.listJobs({
      state: 'scheduled',
      queue: 'reports',
      job_type: 'Report.Monthly',
      tag: 'finance',
      limit: 1,
    });
    expect(page.jobs.map((j: Job) => j.id)).toEqual([scheduled.id]);
    const all: string[] = [];
    for await (const job of flare.listJobs({ limit: 1 })) all.push(job.id);
    expect(all).toEqual([plain.id, scheduled.id]);

    expect(await flare.cancelJob(scheduled.id)).toMatchObject({ state: 'cancelled' });
    const err = await flare.cancelJob(scheduled.id).catch((e: unknown) => e);
    expect(ConflictError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ code: 'invalid_state', status: 409 });
    expect(await flare.retryJob(scheduled.id)).toMatchObject({ state: 'pending', attempts: 0 });
    fake.failJob(plain.id, { message: 'SMTP timeout', type: 'TimeoutError' });
    expect(await flare.retryJob(plain.id)).toMatchObject({
      state: 'pending',
      last_error: { message: 'SMTP timeout' },
    });
    expect(validatedExchanges()).toBe(11); // 2 creates, 2 gets, 3 list pages, 2 cancels, 2 retries
  });

  it('rides out a 503 and a 429 with the same idempotency key: one job, a replayed answer', async () => {
    const before = fake.jobs.length;
    fake.inject({ method: 'POST', path: '/v1/jobs', status: 503, afterProcessing: true });
    fake.inject({ method: 'POST', path: '/v1/jobs', status: 429, headers: { 'retry-after': '0' } });
    const res = await flare
      .createJob({ job_type: 'Charge', payload: { order: 42 } })
      .withResponse();
    expect(res.attempts).toBe(3);
    expect(res.replayed).toBe(true);
    expect(fake.jobs.length).toBe(before + 1);
    const posts = fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/jobs')
      .slice(-3);
    expect(new Set(posts.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(posts.map((r) => r.headers['x-flare-retry-count'])).toEqual(['0', '1', '2']);
    expect(posts.map((r) => r.response?.status)).toEqual([503, 429, 201]);
  });

  it('creates jobs in batches with spec-valid requests, each item answered on its own', async () => {
    const before = fake.jobs.length;
    const exchanges = validatedExchanges();
    // Item 50 reuses item 3's key with another payload: a valid request, a refused item.
    const items = Array.from({ length: 150 }, (_, n) => ({
      job_type: 'Batch.Item',
      payload: { n },
      ...(n === 3 || n === 50 ? { idempotency_key: 'batch-item-3', run_at: new Date(0) } : {}),
    }));
    const results = await flare.createJobs(items, { concurrency: 2 });
    expect(results.filter((r) => r.ok)).toHaveLength(149);
    const bad = results[50]!;
    expect(!bad.ok && ConflictError.isInstance(bad.error)).toBe(true);
    expect(!bad.ok && bad.error).toMatchObject({
      code: 'idempotency_key_reused',
      param: 'idempotency_key',
    });
    expect(fake.jobs.length).toBe(before + 149);
    const [again] = await flare.createJobs([items[3]!]);
    expect(again).toMatchObject({ ok: true, replayed: true, job: { payload: { n: 3 } } });
    expect(validatedExchanges() - exchanges).toBe(3);
  });

  it('maps the fake’s errors to the SDK’s typed errors', async () => {
    const wrongKey = new FlareClient({ apiKey: 'zf_test_sk_other', baseUrl: server.url });
    const auth = await wrongKey.listJobs().catch((e: unknown) => e);
    expect(AuthError.isInstance(auth)).toBe(true);
    fake.inject({ path: '/v1/jobs/*', status: 404, times: 1 });
    expect(await flare.getJob('job_01JDQ3Z8K4M6W2T9R5X7Y1B3C5')).toBeNull();
    fake.inject({
      method: 'GET',
      path: '/v1/jobs',
      status: 429,
      times: 3,
      headers: { 'retry-after': '0' },
    });
    const limited = await flare.listJobs({}, { maxRetries: 2 }).catch((e: unknown) => e);
    expect(RateLimitError.isInstance(limited)).toBe(true);
    expect(limited).toMatchObject({ retryAfter: 0, limit: 1000 });
    fake.inject({ method: 'GET', status: 500, times: 2 });
    const server500 = await flare.listJobs({}, { maxRetries: 1 }).catch((e: unknown) => e);
    expect(ServerError.isInstance(server500)).toBe(true);
    expect(NotFoundError.isInstance(server500)).toBe(false);
  });

  it('delivers signed webhooks that @flare/node verifies', async () => {
    const job = await flare.createJob({ job_type: 'A' });
    fake.completeJob(job.id, { ok: true });
    const hook = fake.webhooks.at(-1)!;
    const event = await verifyWebhook({
      payload: hook.payload,
      header: hook.header,
      secret: fake.webhookSecret,
    });
    expect(event).toMatchObject({
      type: 'job.succeeded',
      data: { job: { id: job.id, result: { ok: true } } },
    });
  });
  it('a createJob whose attempt timed out while the fake kept working ends in one job, not a conflict', async () => {
    const before = fake.jobs.length;
    // The first attempt is held past the client's timeout; the retry (same key) meets it still
    // running (409 idempotency_in_progress), waits, and then gets the stored answer.
    fake.inject({ method: 'POST', path: '/v1/jobs', delayMs: 300 });
    const impatient = new FlareClient({
      apiKey: 'zf_test_sk_fake',
      baseUrl: server.url,
      timeoutMs: 100,
      retryBaseDelayMs: 150,
      retryMaxDelayMs: 400,
      maxRetries: 5,
    });
    const res = await impatient.createJob({ job_type: 'ChargeCard' }).withResponse();
    expect(res.status).toBe(201);
    expect(res.attempts).toBeGreaterThan(1);
    expect(fake.jobs.length).toBe(before + 1);
    expect(fake.jobs.some((job) => job.id === res.data.id)).toBe(true);
  });

  // The SDK's worker calls arrive with the worker loop; until then the pull protocol goes over
  // the same real HTTP server, with every request and response validated against the spec too.
  it('serves the worker protocol, release and retry_in_ms included, spec-valid both ways', async () => {
    const post = async (path: string, body: object, key?: string) => {
      const res = await fetch(server.url + path, {
        method: 'POST',
        headers: {
          authorization: 'Bearer zf_test_sk_fake',
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as AnyBody };
    };
    const before = validatedExchanges();
    const job = await flare.createJob({ job_type: 'Worker.Release', queue: 'w' });
    const claim = async () => (await post('/v1/jobs/claim', { queues: ['w'] })).body.jobs;
    const [c1] = await claim();
    const released = await post(`/v1/jobs/${job.id}/release`, { lease_id: c1.lease.id }, 'r-1');
    expect(released.body).toMatchObject({ state: 'pending', attempts: 0, started_at: null });
    expect(
      (await post(`/v1/jobs/${job.id}/release`, { lease_id: c1.lease.id }, 'r-1')).body,
    ).toEqual(released.body);
    const lost = await post(`/v1/jobs/${job.id}/release`, { lease_id: c1.lease.id });
    expect(lost).toMatchObject({ status: 409, body: { error: { code: 'lease_lost' } } });
    const [c2] = await claim();
    const delayed = await post(`/v1/jobs/${job.id}/release`, {
      lease_id: c2.lease.id,
      delay_ms: 1_000,
    });
    expect(delayed.body).toMatchObject({ state: 'scheduled', attempts: 0 });
    fake.clock.advance(1_000);
    const [c3] = await claim();
    const failed = await post(`/v1/jobs/${job.id}/fail`, {
      lease_id: c3.lease.id,
      error: { message: 'later' },
      retry_in_ms: 250,
    });
    expect(failed.body).toMatchObject({ state: 'pending', attempts: 1 });
    expect(Date.parse(failed.body.run_at) - Date.parse(failed.body.updated_at)).toBe(250);
    // 1 create, 3 claims, 4 releases, 1 fail: each request and response checked.
    expect(validatedExchanges() - before).toBe(9);
  });
});

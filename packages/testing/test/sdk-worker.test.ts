// FlareWorker from the built @flare/node against the fake over HTTP; every request it sends and
// every answer it gets are checked against spec/openapi.yaml.
import {
  AuthError,
  FlareClient,
  FlareWorker,
  LeaseLostError,
  NonRetryableError,
  RetryLaterError,
  ValidationError,
  WorkerStoppedError,
} from '@flare/node';
import { describe, expect, it } from 'vitest';
import { KEY } from './helpers/call.js';
import { fakeOverHttp, holding, until } from './helpers/worker-harness.js';

const frozen = { clock: { start: '2026-01-01T09:00:00Z' } };

// Generous bounds: under a full parallel `pnpm test` on two cores, each exchange (validated by Ajv
// in this process) can take tens of ms.
describe('FlareWorker against the fake over HTTP', { timeout: 60_000 }, () => {
  it('claims in batches of the free slots and stores every result', async () => {
    const { fake, client, worker } = await fakeOverHttp();
    const flare = client();
    const ids = await Promise.all(
      Array.from({ length: 25 }, (_, n) =>
        flare.createJob({ job_type: 'Square', payload: { n } }).then((j) => j.id),
      ),
    );
    const w = worker({
      concurrency: 10,
      handlers: { Square: async (job) => ({ square: (job.payload.n as number) ** 2 }) },
    });
    const run = w.run();
    await until(() => ids.every((id) => fake.getJob(id)?.state === 'succeeded'));
    await w.close();
    await run;
    for (const id of ids) {
      const job = fake.getJob(id)!;
      expect(job.result).toEqual({ square: (job.payload.n as number) ** 2 });
      expect(job.attempts).toBe(1);
    }
    const claims = fake.requests.filter((r) => r.path === '/v1/jobs/claim');
    expect(claims[0]!.body).toMatchObject({
      limit: 10,
      job_types: ['Square'],
      queues: ['default'],
    });
    expect((claims[0]!.response!.body as { jobs: unknown[] }).jobs).toHaveLength(10);
  });

  it('starts a job within a round trip of its creation while idle, with one long poll', async () => {
    const { fake, client, worker } = await fakeOverHttp();
    const started: number[] = [];
    const w = worker({ handlers: { Ping: () => void started.push(Date.now()) } });
    const run = w.run();
    await new Promise((r) => setTimeout(r, 300));
    const at = Date.now();
    await client().createJob({ job_type: 'Ping' });
    const createdIn = Date.now() - at;
    await until(() => started.length === 1);
    // The waiting poll answers as the job is created: about one more round trip, not a poll period.
    expect(started[0]! - at).toBeLessThan(createdIn + 250);
    // Idle before the job: one claim, held open.
    const claims = fake.requests.filter((r) => r.path === '/v1/jobs/claim');
    expect(claims[0]!.body).toMatchObject({ wait_ms: 20_000 });
    await w.close();
    await run;
  });

  it('renews leases by heartbeat with the latest progress (on the fake clock)', async () => {
    const { fake, client, worker } = await fakeOverHttp(frozen);
    const { handler, contexts, finish } = holding();
    const job = await client().createJob({ job_type: 'Long' });
    const w = worker({ leaseSeconds: 5, handlers: { Long: handler } });
    const run = w.run();
    await until(() => contexts.length === 1);
    contexts[0]!.progress(30, 'a third');
    // Past the first lease: it held because the heartbeats (every 1.7 s) extended it.
    for (let i = 0; i < 2; i++) {
      fake.clock.advance(4_000);
      const beats = fake.requests.filter((r) => r.path.endsWith('/heartbeat')).length;
      await until(() => fake.requests.filter((r) => r.path.endsWith('/heartbeat')).length > beats);
    }
    expect(fake.getJob(job.id)).toMatchObject({
      state: 'running',
      progress: { percent: 30, message: 'a third' },
    });
    expect(contexts[0]!.signal.aborted).toBe(false);
    finish();
    await until(() => fake.getJob(job.id)?.state === 'succeeded');
    await w.close();
    await run;
  });

  it('aborts ctx.signal within a heartbeat interval of a cancel, and sends nothing for the job', async () => {
    const { fake, client, worker } = await fakeOverHttp();
    const { handler, contexts } = holding();
    const job = await client().createJob({ job_type: 'Long' });
    const w = worker({ leaseSeconds: 6, handlers: { Long: handler } });
    const run = w.run();
    await until(() => contexts.length === 1);
    const beats = () => fake.requests.filter((r) => r.path.endsWith('/heartbeat')).length;
    const cancelledAt = Date.now();
    await client().cancelJob(job.id);
    const beatsBefore = beats();
    await until(() => contexts[0]!.signal.aborted, 6_000, 'the abort');
    // The first heartbeat after the cancel (every 2 s) carried it: one interval plus a round trip
    // (generous, for a loaded machine).
    expect(beats()).toBe(beatsBefore + 1);
    expect(Date.now() - cancelledAt).toBeLessThanOrEqual(2_000 + 2_000);
    expect(LeaseLostError.isInstance(contexts[0]!.signal.reason)).toBe(true);
    await w.close();
    await run;
    const sent = fake.requests.filter((r) => /\/(complete|fail|release)$/.test(r.path));
    expect(sent).toEqual([]);
    expect(fake.getJob(job.id)!.state).toBe('cancelled');
  });

  it('fails a job for good on NonRetryableError, and schedules RetryLaterError by its delay', async () => {
    const { fake, client, worker } = await fakeOverHttp(frozen);
    const flare = client();
    const never = await flare.createJob({ job_type: 'Charge', payload: { card: 'gone' } });
    const later = await flare.createJob({ job_type: 'Charge', payload: { card: 'busy' } });
    const w = worker({
      handlers: {
        Charge: (job) => {
          if (job.payload.card === 'gone') throw new NonRetryableError('card deleted');
          throw new RetryLaterError('processor busy', { delayMs: 90_000 });
        },
      },
    });
    const run = w.run();
    await until(
      () =>
        fake.getJob(never.id)!.state === 'failed' &&
        fake.getJob(later.id)!.attempts === 1 &&
        fake.getJob(later.id)!.state === 'pending',
    );
    await w.close();
    await run;
    expect(fake.getJob(never.id)).toMatchObject({
      attempts: 1,
      last_error: { type: 'NonRetryableError', message: 'card deleted' },
    });
    expect(fake.getJob(later.id)).toMatchObject({
      state: 'pending',
      run_at: '2026-01-01T09:01:30.000Z',
      last_error: { type: 'RetryLaterError', message: 'processor busy' },
    });
  });

  it('stores a result once through injected faults (answers lost after processing, 503s)', async () => {
    const { fake, client, worker } = await fakeOverHttp();
    // Completions go batched (POST /v1/jobs/complete); the single form is faulted too.
    for (const path of ['/v1/jobs/complete', '/v1/jobs/*/complete']) {
      fake.inject({ method: 'POST', path, status: 503, afterProcessing: true });
      fake.inject({ method: 'POST', path, reset: true });
    }
    const job = await client().createJob({ job_type: 'Ping' });
    const w = worker({ handlers: { Ping: () => 'pong' } });
    const succeeded: string[] = [];
    w.on('succeeded', ({ job }) => succeeded.push(job.id));
    const run = w.run();
    await until(() => succeeded.length === 1);
    await w.close();
    await run;
    expect(fake.getJob(job.id)).toMatchObject({ state: 'succeeded', result: 'pong', attempts: 1 });
    const completes = fake.requests.filter((r) => r.path.endsWith('/complete'));
    expect(completes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(completes.map(ackKey)).size).toBe(1);
    expect(fake.webhooks.filter((h) => h.event.type === 'job.succeeded')).toHaveLength(1);
  });

  it('replays an acknowledgement retried in another batch: stored once, reported succeeded', async () => {
    const { fake, url, worker } = await fakeOverHttp();
    // No client retries: each try after a lost answer is a new batch request with a new key,
    // and only the item's idempotency_key makes it a replay rather than lease_lost.
    const noRetries = new FlareClient({ apiKey: KEY, baseUrl: url, maxRetries: 0 });
    fake.inject({ method: 'POST', path: '/v1/jobs/complete', status: 503, afterProcessing: true });
    fake.inject({ method: 'POST', path: '/v1/jobs/complete', reset: true });
    const jobs = await Promise.all(
      [1, 2, 3].map(() => noRetries.createJob({ job_type: 'Ping', payload: {} })),
    );
    const w = worker({ client: noRetries, concurrency: 3, handlers: { Ping: () => 'pong' } });
    const succeeded: string[] = [];
    const lost: string[] = [];
    w.on('succeeded', ({ job }) => succeeded.push(job.id));
    w.on('leaseLost', ({ job }) => lost.push(job.id));
    const run = w.run();
    await until(() => succeeded.length === 3);
    await w.close();
    await run;
    expect(lost).toEqual([]);
    for (const j of jobs) expect(fake.getJob(j.id)).toMatchObject({ state: 'succeeded' });
    const batches = fake.requests.filter((r) => r.path === '/v1/jobs/complete');
    expect(new Set(batches.map((r) => r.headers['idempotency-key'])).size).toBe(batches.length);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(fake.webhooks.filter((h) => h.event.type === 'job.succeeded')).toHaveLength(3);
  });

  it('releases unfinished jobs on shutdown: back to pending, the attempt not counted', async () => {
    const { fake, client, worker } = await fakeOverHttp();
    const job = await client().createJob({ job_type: 'Stubborn' });
    let started = false;
    const w = worker({
      shutdownTimeoutMs: 200,
      handlers: {
        // Ignores its signal: the release must not wait for it.
        Stubborn: () => {
          started = true;
          return new Promise(() => undefined);
        },
      },
    });
    const signals: unknown[] = [];
    w.on('released', ({ job: released }) => signals.push(released.id));
    const run = w.run();
    await until(() => started);
    const at = Date.now();
    await w.close();
    await run;
    expect(Date.now() - at).toBeLessThan(1_500);
    expect(signals).toEqual([job.id]);
    expect(fake.getJob(job.id)).toMatchObject({ state: 'pending', attempts: 0 });
    // Another worker picks it up at once, not after the lease.
    const next = worker({ handlers: { Stubborn: () => 'done at last' } });
    const nextRun = next.run();
    await until(() => fake.getJob(job.id)!.state === 'succeeded', 2_000);
    await next.close();
    await nextRun;
  });

  it('gives a lease it cannot renew up (lease_expired) and the job comes back after it', async () => {
    const { fake, client, worker } = await fakeOverHttp(frozen);
    fake.inject({ method: 'POST', path: '/v1/jobs/*/heartbeat', status: 503, times: Infinity });
    const { handler, contexts } = holding();
    const job = await client().createJob({ job_type: 'Long' });
    const w = worker({ leaseSeconds: 5, handlers: { Long: handler } });
    const run = w.run();
    await until(() => contexts.length === 1);
    await until(() => contexts[0]!.signal.aborted, 6_000, 'the lease to be given up');
    expect(contexts[0]!.signal.reason).toMatchObject({
      name: 'LeaseLostError',
      reason: 'lease_expired',
    });
    await w.close();
    await run;
    expect(fake.requests.filter((r) => r.path.endsWith('/complete'))).toEqual([]);
    fake.clock.advance(5_000);
    expect(fake.getJob(job.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      last_error: { type: 'lease_expired' },
    });
  });

  it('ends a long poll on close() without stranding a job: the fake claims nothing for it', async () => {
    const { fake, client, worker } = await fakeOverHttp();
    const w = worker({ handlers: { Ping: () => 'pong' } });
    const run = w.run();
    await new Promise((r) => setTimeout(r, 100));
    await w.close();
    await run;
    const job = await client().createJob({ job_type: 'Ping' });
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.getJob(job.id)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('stops run() with an AuthError on a 401', async () => {
    const { fake, url } = await fakeOverHttp();
    const { FlareClient } = await import('@flare/node');
    const w = new FlareWorker({
      client: new FlareClient({ apiKey: 'zf_test_sk_wrong', baseUrl: url }),
      handleSignals: false,
      handlers: { Ping: () => 1 },
    });
    const error = await w.run().catch((e: unknown) => e);
    expect(AuthError.isInstance(error)).toBe(true);
    expect(fake.requests.filter((r) => r.path === '/v1/jobs/claim')).toHaveLength(1);
  });

  it('refuses bad options with a ValidationError at construction', async () => {
    const { client } = await fakeOverHttp();
    const bad = [
      { concurrency: 0 },
      { leaseSeconds: 3_601 },
      { handlers: { Ping: 'not a function' } },
      { handleSignals: 'yes' },
    ];
    for (const options of bad) {
      expect(
        () =>
          new FlareWorker({
            client: client(),
            handlers: { Ping: () => 1 },
            ...(options as object),
          }),
      ).toThrow(ValidationError);
    }
    expect(WorkerStoppedError.isInstance(new WorkerStoppedError('job_1'))).toBe(true);
  });
});

/** The acknowledgement's key: the header of a single complete, the item's key in a batch. */
function ackKey(r: { path: string; headers: Record<string, string>; rawBody: string }) {
  if (r.path !== '/v1/jobs/complete') return r.headers['idempotency-key'];
  return JSON.parse(r.rawBody)
    .jobs.map((j: { idempotency_key: string }) => j.idempotency_key)
    .join();
}

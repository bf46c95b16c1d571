// `POST /v1/jobs/{id}/release` and `fail`'s `retry_in_ms` (decision 0007). Every response is
// validated against spec/openapi.yaml (helpers/fidelity.ts).
import { describe, expect, it } from 'vitest';
import { type AnyBody, call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const start = { clock: { start: '2026-01-01T09:00:00Z' } };
type Fake = ReturnType<typeof createFake>;

async function enqueue(fake: Fake, body: object): Promise<AnyBody> {
  return (await call(fake, 'POST', '/v1/jobs', { body })).body;
}

async function claim(fake: Fake, body: object = {}): Promise<AnyBody[]> {
  return (await call(fake, 'POST', '/v1/jobs/claim', { body: { queues: ['default'], ...body } }))
    .body.jobs;
}

const release = (fake: Fake, id: string, body: object, headers?: Record<string, string>) =>
  call(fake, 'POST', `/v1/jobs/${id}/release`, { body, headers: headers ?? {} });

describe('release', () => {
  it('gives the job back as if the claim had not happened, keeping its place in line', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A', max_attempts: 1 });
    fake.clock.advance(1_000);
    const younger = await enqueue(fake, { job_type: 'A' });
    const [c] = await claim(fake);
    expect(c).toMatchObject({ id: job.id, attempts: 1, started_at: '2026-01-01T09:00:01.000Z' });
    await call(fake, 'POST', `/v1/jobs/${job.id}/heartbeat`, {
      body: { lease_id: c.lease.id, progress: { percent: 10 } },
    });
    fake.clock.advance(500);
    const res = await release(fake, job.id, { lease_id: c.lease.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'pending',
      attempts: 0,
      progress: null,
      run_at: null,
      started_at: null,
      finished_at: null,
      updated_at: '2026-01-01T09:00:01.500Z',
    });
    expect(res.body).not.toHaveProperty('lease');
    // Still first in line, and max_attempts 1 still leaves it its one attempt.
    const [again] = await claim(fake);
    expect(again).toMatchObject({ id: job.id, attempts: 1 });
    expect(again.lease.id).not.toBe(c.lease.id);
    expect((await claim(fake))[0].id).toBe(younger.id);
    expect(fake.webhooks).toEqual([]);
  });

  it('restores started_at of the last counted attempt and keeps last_error', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [c1] = await claim(fake);
    await call(fake, 'POST', `/v1/jobs/${job.id}/fail`, {
      body: { lease_id: c1.lease.id, error: { message: 'boom' }, retry_in_ms: 0 },
    });
    fake.clock.advance(2_000);
    const [c2] = await claim(fake);
    expect(c2).toMatchObject({ attempts: 2, started_at: '2026-01-01T09:00:02.000Z' });
    const res = await release(fake, job.id, { lease_id: c2.lease.id });
    expect(res.body).toMatchObject({
      state: 'pending',
      attempts: 1,
      started_at: '2026-01-01T09:00:00.000Z',
      last_error: { message: 'boom', type: null },
      run_at: '2026-01-01T09:00:00.000Z', // the fail's run_at: its place in line is kept
    });
  });

  it('with delay_ms schedules the job, due once the fake clock reaches run_at', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [c] = await claim(fake, { lease_seconds: 5 });
    const res = await release(fake, job.id, { lease_id: c.lease.id, delay_ms: 30_000 });
    expect(res.body).toMatchObject({
      state: 'scheduled',
      attempts: 0,
      run_at: '2026-01-01T09:00:30.000Z',
    });
    fake.clock.advance(29_999); // also past the old lease's expiry, which must do nothing
    expect(fake.getJob(job.id)).toMatchObject({ state: 'scheduled', last_error: null });
    expect(await claim(fake)).toEqual([]);
    fake.clock.advance(1);
    expect(fake.getJob(job.id)).toMatchObject({ state: 'pending' });
    expect(await claim(fake)).toMatchObject([{ id: job.id, attempts: 1 }]);
  });

  it('wakes a long poll when the job comes back', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [c] = await claim(fake);
    const waiting = claim(fake, { wait_ms: 5_000 });
    await new Promise((r) => setTimeout(r, 20));
    const t = Date.now();
    await release(fake, job.id, { lease_id: c.lease.id });
    expect((await waiting).map((j) => j.id)).toEqual([job.id]);
    expect(Date.now() - t).toBeLessThan(2_500); // not the 5 s wait
  });

  it('is 409 lease_lost for a released, replaced, expired or cancelled lease', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [c1] = await claim(fake, { lease_seconds: 5 });
    await release(fake, job.id, { lease_id: c1.lease.id });
    expect(errorOf(await release(fake, job.id, { lease_id: c1.lease.id }))).toEqual({
      status: 409,
      code: 'lease_lost',
    }); // released, job pending
    const [c2] = await claim(fake, { lease_seconds: 5 });
    for (const action of ['release', 'heartbeat', 'complete']) {
      const res = await call(fake, 'POST', `/v1/jobs/${job.id}/${action}`, {
        body: { lease_id: c1.lease.id },
      });
      expect({ action, ...errorOf(res) }).toEqual({ action, status: 409, code: 'lease_lost' });
    }
    fake.clock.advance(5_000); // c2 expires
    expect(errorOf(await release(fake, job.id, { lease_id: c2.lease.id }))).toMatchObject({
      status: 409,
      code: 'lease_lost',
    });
    fake.clock.advance(60_000); // past the expiry's backoff
    const [c3] = await claim(fake);
    await call(fake, 'POST', `/v1/jobs/${job.id}/cancel`);
    const afterCancel = await release(fake, job.id, { lease_id: c3.lease.id });
    expect(errorOf(afterCancel)).toEqual({ status: 409, code: 'lease_lost' });
    expect(afterCancel.body.error.message).toMatch(/now cancelled/);
    expect(fake.getJob(job.id)).toMatchObject({ state: 'cancelled', attempts: 2 });
  });

  it('replays a release retried with the same Idempotency-Key; a fresh key meets lease_lost', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [c] = await claim(fake);
    const body = { lease_id: c.lease.id, delay_ms: 1_000 };
    const first = await release(fake, job.id, body, { 'idempotency-key': 'rel-1' });
    const again = await release(fake, job.id, body, { 'idempotency-key': 'rel-1' });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(fake.getJob(job.id)).toMatchObject({ state: 'scheduled', attempts: 0 });
    const fresh = await release(fake, job.id, body, { 'idempotency-key': 'rel-2' });
    expect(errorOf(fresh)).toEqual({ status: 409, code: 'lease_lost' });
  });
});

describe('fail with retry_in_ms', () => {
  it('sets run_at from retry_in_ms instead of the server backoff, shorter or longer', async () => {
    const fake = createFake(start); // backoff after attempt 1: 10 s
    const short = await enqueue(fake, { job_type: 'A' });
    const long = await enqueue(fake, { job_type: 'B' });
    const [a, b] = await claim(fake, { limit: 2 });
    const fa = await call(fake, 'POST', `/v1/jobs/${short.id}/fail`, {
      body: { lease_id: a.lease.id, error: { message: 'busy' }, retry_in_ms: 2_000 },
    });
    expect(fa.body).toMatchObject({ state: 'pending', run_at: '2026-01-01T09:00:02.000Z' });
    const fb = await call(fake, 'POST', `/v1/jobs/${long.id}/fail`, {
      body: {
        lease_id: b.lease.id,
        error: { message: '429' },
        retryable: true,
        retry_in_ms: 60_000,
      },
    });
    expect(fb.body).toMatchObject({ state: 'pending', run_at: '2026-01-01T09:01:00.000Z' });
    fake.clock.advance(2_000);
    expect((await claim(fake, { limit: 5 })).map((j) => j.id)).toEqual([short.id]);
    fake.clock.advance(48_000); // 50 s: well past the 10 s backoff, before retry_in_ms
    expect(await claim(fake)).toEqual([]);
    fake.clock.advance(10_000);
    expect((await claim(fake)).map((j) => j.id)).toEqual([long.id]);
  });

  it('retry_in_ms 0 makes the job eligible at once; on the last attempt the job fails', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A', max_attempts: 2 });
    const [c1] = await claim(fake);
    await call(fake, 'POST', `/v1/jobs/${job.id}/fail`, {
      body: { lease_id: c1.lease.id, error: { message: 'x' }, retry_in_ms: 0 },
    });
    const [c2] = await claim(fake);
    expect(c2).toMatchObject({ id: job.id, attempts: 2 });
    const last = await call(fake, 'POST', `/v1/jobs/${job.id}/fail`, {
      body: { lease_id: c2.lease.id, error: { message: 'y' }, retry_in_ms: 5_000 },
    });
    expect(last.body).toMatchObject({ state: 'failed', finished_at: '2026-01-01T09:00:00.000Z' });
  });
});

describe('release and retry_in_ms parameters', () => {
  it('rejects bad values with 400 naming the parameter, before looking at the lease', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [c] = await claim(fake);
    const lease_id = c.lease.id;
    const error = { message: 'x' };
    const cases: [string, object, { code: string; param: string }][] = [
      ['release', {}, { code: 'parameter_missing', param: 'lease_id' }],
      ['release', { lease_id: 'lse_1' }, { code: 'parameter_invalid', param: 'lease_id' }],
      ['release', { lease_id, delay_ms: -1 }, { code: 'parameter_invalid', param: 'delay_ms' }],
      [
        'release',
        { lease_id, delay_ms: 86_400_001 },
        { code: 'parameter_invalid', param: 'delay_ms' },
      ],
      ['release', { lease_id, delay_ms: 1.5 }, { code: 'parameter_invalid', param: 'delay_ms' }],
      ['release', { lease_id, delay_ms: '10' }, { code: 'parameter_invalid', param: 'delay_ms' }],
      ['release', { lease_id, delay_ms: null }, { code: 'parameter_invalid', param: 'delay_ms' }],
      ['release', { lease_id, delay: 10 }, { code: 'unknown_parameter', param: 'delay' }],
      [
        'fail',
        { lease_id, error, retry_in_ms: -5 },
        { code: 'parameter_invalid', param: 'retry_in_ms' },
      ],
      [
        'fail',
        { lease_id, error, retry_in_ms: 86_400_001 },
        { code: 'parameter_invalid', param: 'retry_in_ms' },
      ],
      [
        'fail',
        { lease_id, error, retry_in_ms: 'soon' },
        { code: 'parameter_invalid', param: 'retry_in_ms' },
      ],
      [
        'fail',
        { lease_id, error, retryable: false, retry_in_ms: 1_000 },
        { code: 'parameter_invalid', param: 'retry_in_ms' },
      ],
    ];
    for (const [action, body, expected] of cases) {
      const res = await call(fake, 'POST', `/v1/jobs/${job.id}/${action}`, { body });
      expect({ action, body, ...errorOf(res) }).toEqual({ action, body, status: 400, ...expected });
    }
    const bad = await call(fake, 'POST', `/v1/jobs/${job.id}/fail`, {
      body: { lease_id, error, retryable: false, retry_in_ms: 1_000 },
    });
    expect(bad.body.error.message).toMatch(/retryable true/);
    // Nothing above touched the job; the boundaries themselves are accepted.
    expect(fake.getJob(job.id)).toMatchObject({ state: 'running', attempts: 1 });
    const max = await release(fake, job.id, { lease_id, delay_ms: 86_400_000 });
    expect(max.body).toMatchObject({ state: 'scheduled', run_at: '2026-01-02T09:00:00.000Z' });
    const missing = await release(fake, 'job_01JDQ3Z8K4M6W2T9R5X7Y1B3C5', { lease_id });
    expect(errorOf(missing)).toEqual({
      status: 404,
      code: 'resource_missing',
      param: 'id',
    });
  });
});

describe('drivers', () => {
  it('releaseJob and failJob({ retryInMs }) mirror the worker calls', () => {
    const fake = createFake(start);
    const job = fake.createJob({ job_type: 'A' });
    fake.startJob(job.id);
    expect(fake.releaseJob(job.id, { delayMs: 5_000 })).toMatchObject({
      state: 'scheduled',
      attempts: 0,
      run_at: '2026-01-01T09:00:05.000Z',
    });
    expect(() => fake.releaseJob(job.id)).toThrow(/scheduled, not running/);
    fake.startJob(job.id);
    expect(() => fake.releaseJob(job.id, { delayMs: -1 })).toThrow(/delayMs/);
    expect(fake.releaseJob(job.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(() => fake.failJob(job.id, {}, { retryInMs: 1 })).toThrow(/retryable: true/);
    expect(() => fake.failJob(job.id, {}, { retryable: true, retryInMs: -1 })).toThrow(/≥ 0/);
    expect(fake.failJob(job.id, {}, { retryable: true, retryInMs: 1_000 })).toMatchObject({
      state: 'pending',
      attempts: 1,
      run_at: '2026-01-01T09:00:01.000Z',
    });
  });
});

describe('the control API', () => {
  it('releases and fails with retry_in_ms through /_fake/jobs/{id}/…', async () => {
    const fake = createFake(start);
    const server = await fake.listen();
    try {
      const job = fake.createJob({ job_type: 'A' });
      fake.startJob(job.id);
      const control = async (action: string, body: object) => {
        const res = await fetch(`${server.url}/_fake/jobs/${job.id}/${action}`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as AnyBody };
      };
      expect(await control('release', { delay_ms: 2_000 })).toMatchObject({
        status: 200,
        body: { state: 'scheduled', attempts: 0, run_at: '2026-01-01T09:00:02.000Z' },
      });
      expect(await control('release', {})).toMatchObject({
        status: 400,
        body: { error: expect.stringMatching(/not running/) },
      });
      fake.startJob(job.id);
      expect(await control('fail', { retryable: true, retry_in_ms: 500 })).toMatchObject({
        body: { state: 'pending', attempts: 1, run_at: '2026-01-01T09:00:00.500Z' },
      });
    } finally {
      await server.close();
    }
  });
});

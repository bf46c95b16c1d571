import { describe, expect, it } from 'vitest';
import { type AnyBody, call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const start = { clock: { start: '2026-01-01T09:00:00Z' } };

async function enqueue(fake: ReturnType<typeof createFake>, body: object): Promise<AnyBody> {
  return (await call(fake, 'POST', '/v1/jobs', { body })).body;
}

describe('the worker pull protocol', () => {
  it('claims oldest first with a lease, attempts + 1, and never hands a job out twice', async () => {
    const fake = createFake(start);
    const a = await enqueue(fake, { job_type: 'A', queue: 'q1' });
    fake.clock.advance(1);
    const b = await enqueue(fake, { job_type: 'B', queue: 'q2' });
    await enqueue(fake, { job_type: 'C', queue: 'other' });
    const first = await call(fake, 'POST', '/v1/jobs/claim', { body: { queues: ['q2', 'q1'] } });
    expect(first.status).toBe(200);
    expect(first.body.jobs).toHaveLength(1);
    expect(first.body.jobs[0]).toMatchObject({ id: a.id, state: 'running', attempts: 1 });
    expect(first.body.jobs[0].lease).toEqual({
      id: expect.stringMatching(/^lse_/),
      expires_at: '2026-01-01T09:01:00.001Z', // claimed 1 ms after the start
    });
    const rest = await call(fake, 'POST', '/v1/jobs/claim', {
      body: { queues: ['q1', 'q2'], limit: 10, lease_seconds: 30, worker_id: 'w-1' },
    });
    expect(rest.body.jobs.map((j: AnyBody) => j.id)).toEqual([b.id]);
    const none = await call(fake, 'POST', '/v1/jobs/claim', { body: { queues: ['q1', 'q2'] } });
    expect(none.body).toEqual({ jobs: [] });
  });

  it('filters by job_types', async () => {
    const fake = createFake(start);
    await enqueue(fake, { job_type: 'A' });
    const b = await enqueue(fake, { job_type: 'B' });
    const res = await call(fake, 'POST', '/v1/jobs/claim', {
      body: { queues: ['default'], job_types: ['B'] },
    });
    expect(res.body.jobs.map((j: AnyBody) => j.id)).toEqual([b.id]);
  });

  it('heartbeats extend the lease and record progress; complete stores the result', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [claimed] = (
      await call(fake, 'POST', '/v1/jobs/claim', {
        body: { queues: ['default'], lease_seconds: 10 },
      })
    ).body.jobs;
    fake.clock.advance(8_000);
    const beat = await call(fake, 'POST', `/v1/jobs/${job.id}/heartbeat`, {
      body: { lease_id: claimed.lease.id, progress: { percent: 42.5, message: 'halfway' } },
    });
    expect(beat.body.progress).toEqual({
      percent: 42.5,
      message: 'halfway',
      updated_at: '2026-01-01T09:00:08.000Z',
    });
    fake.clock.advance(8_000); // past the first expiry, within the extended one
    const keep = await call(fake, 'POST', `/v1/jobs/${job.id}/heartbeat`, {
      body: { lease_id: claimed.lease.id },
    });
    expect(keep.body.progress.message).toBe('halfway');
    const done = await call(fake, 'POST', `/v1/jobs/${job.id}/complete`, {
      body: { lease_id: claimed.lease.id, result: { sent: true } },
    });
    expect(done.body).toMatchObject({
      state: 'succeeded',
      result: { sent: true },
      finished_at: '2026-01-01T09:00:16.000Z',
    });
    const late = await call(fake, 'POST', `/v1/jobs/${job.id}/complete`, {
      body: { lease_id: claimed.lease.id },
    });
    expect(errorOf(late)).toEqual({ status: 409, code: 'lease_lost' });
    expect(fake.webhooks.map((w) => w.event.type)).toEqual(['job.succeeded']);
  });

  it('fails an attempt with the server backoff, then fails the job when attempts are spent', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A', max_attempts: 2 });
    const claim = async () =>
      (await call(fake, 'POST', '/v1/jobs/claim', { body: { queues: ['default'] } })).body.jobs;
    const [c1] = await claim();
    const f1 = await call(fake, 'POST', `/v1/jobs/${job.id}/fail`, {
      body: { lease_id: c1.lease.id, error: { message: 'timeout', type: 'TimeoutError' } },
    });
    expect(f1.body).toMatchObject({
      state: 'pending',
      run_at: '2026-01-01T09:00:10.000Z',
      last_error: { message: 'timeout', type: 'TimeoutError' },
    });
    expect(await claim()).toEqual([]); // not due yet
    fake.clock.advance(10_000);
    const [c2] = await claim();
    expect(c2).toMatchObject({ attempts: 2, progress: null });
    const f2 = await call(fake, 'POST', `/v1/jobs/${job.id}/fail`, {
      body: { lease_id: c2.lease.id, error: { message: 'again' } },
    });
    expect(f2.body).toMatchObject({
      state: 'failed',
      last_error: { message: 'again', type: null },
    });
    expect(fake.webhooks.map((w) => w.event.type)).toEqual(['job.failed']);
  });

  it('fails at once when retryable is false', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [c] = (await call(fake, 'POST', '/v1/jobs/claim', { body: { queues: ['default'] } })).body
      .jobs;
    const res = await call(fake, 'POST', `/v1/jobs/${job.id}/fail`, {
      body: { lease_id: c.lease.id, error: { message: 'bad input' }, retryable: false },
    });
    expect(res.body).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('returns a job whose lease expired to pending with lease_expired, then fails it when spent', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A', max_attempts: 1 });
    const other = await enqueue(fake, { job_type: 'A', max_attempts: 3 });
    const claimed = (
      await call(fake, 'POST', '/v1/jobs/claim', {
        body: { queues: ['default'], limit: 2, lease_seconds: 5 },
      })
    ).body.jobs;
    fake.clock.advance(5_000);
    expect(fake.getJob(job.id)).toMatchObject({
      state: 'failed',
      last_error: { type: 'lease_expired' },
      finished_at: '2026-01-01T09:00:05.000Z',
    });
    expect(fake.getJob(other.id)).toMatchObject({
      state: 'pending',
      last_error: { type: 'lease_expired' },
    });
    const beat = await call(fake, 'POST', `/v1/jobs/${other.id}/heartbeat`, {
      body: { lease_id: claimed[1].lease.id },
    });
    expect(errorOf(beat)).toEqual({ status: 409, code: 'lease_lost' });
  });

  it('revokes the lease on cancel', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const [c] = (await call(fake, 'POST', '/v1/jobs/claim', { body: { queues: ['default'] } })).body
      .jobs;
    await call(fake, 'POST', `/v1/jobs/${job.id}/cancel`);
    const res = await call(fake, 'POST', `/v1/jobs/${job.id}/heartbeat`, {
      body: { lease_id: c.lease.id },
    });
    expect(errorOf(res)).toEqual({ status: 409, code: 'lease_lost' });
  });

  it('validates worker bodies with params', async () => {
    const fake = createFake(start);
    const job = await enqueue(fake, { job_type: 'A' });
    const cases: [string, unknown, { code: string; param?: string }][] = [
      ['claim', {}, { code: 'parameter_missing', param: 'queues' }],
      ['claim', { queues: [] }, { code: 'parameter_invalid', param: 'queues' }],
      ['claim', { queues: ['a', 'a'] }, { code: 'parameter_invalid', param: 'queues.1' }],
      [
        'claim',
        { queues: ['a'], lease_seconds: 4 },
        { code: 'parameter_invalid', param: 'lease_seconds' },
      ],
      [
        'claim',
        { queues: ['a'], wait_ms: 20_001 },
        { code: 'parameter_invalid', param: 'wait_ms' },
      ],
      [
        'claim',
        { queues: ['a'], worker_id: 'é' },
        { code: 'parameter_invalid', param: 'worker_id' },
      ],
      ['heartbeat', {}, { code: 'parameter_missing', param: 'lease_id' }],
      ['heartbeat', { lease_id: 'lse_x' }, { code: 'parameter_invalid', param: 'lease_id' }],
      [
        'heartbeat',
        { lease_id: 'lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5', progress: { percent: 101 } },
        { code: 'parameter_invalid', param: 'progress.percent' },
      ],
      [
        'heartbeat',
        { lease_id: 'lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5', progress: { percent: 1, eta: 2 } },
        { code: 'unknown_parameter', param: 'progress.eta' },
      ],
      ['heartbeat', { lease_id: 'lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5' }, { code: 'lease_lost' }],
      [
        'fail',
        { lease_id: 'lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5' },
        { code: 'parameter_missing', param: 'error' },
      ],
      [
        'fail',
        { lease_id: 'lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5', error: { message: '' } },
        { code: 'parameter_invalid', param: 'error.message' },
      ],
      [
        'complete',
        { lease_id: 'lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5', result: 'x'.repeat(262_144) },
        { code: 'payload_too_large', param: 'result' },
      ],
    ];
    for (const [action, body, expected] of cases) {
      const path = action === 'claim' ? '/v1/jobs/claim' : `/v1/jobs/${job.id}/${action}`;
      const res = await call(fake, 'POST', path, { body });
      const status = expected.code === 'lease_lost' ? 409 : 400;
      expect({ action, ...errorOf(res) }).toEqual({ action, status, ...expected });
    }
  });

  it('long-polls until a job arrives, then answers at once', async () => {
    const fake = createFake(start);
    const pending = call(fake, 'POST', '/v1/jobs/claim', {
      body: { queues: ['default'], wait_ms: 5_000 },
    });
    await new Promise((r) => setTimeout(r, 30));
    const job = await enqueue(fake, { job_type: 'A' });
    const t = Date.now();
    const res = await pending;
    expect(Date.now() - t).toBeLessThan(2_500); // not the 5 s wait
    expect(res.body.jobs.map((j: AnyBody) => j.id)).toEqual([job.id]);
  });

  it('ends an empty long poll after wait_ms with an empty list', async () => {
    const fake = createFake(start);
    const t = Date.now();
    const res = await call(fake, 'POST', '/v1/jobs/claim', {
      body: { queues: ['default'], wait_ms: 60 },
    });
    expect(res.body).toEqual({ jobs: [] });
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
  });

  it('replays a claim retried with the same Idempotency-Key instead of claiming more', async () => {
    const fake = createFake(start);
    await enqueue(fake, { job_type: 'A' });
    await enqueue(fake, { job_type: 'A' });
    const headers = { 'idempotency-key': 'claim-1' };
    const first = await call(fake, 'POST', '/v1/jobs/claim', {
      body: { queues: ['default'] },
      headers,
    });
    const again = await call(fake, 'POST', '/v1/jobs/claim', {
      body: { queues: ['default'] },
      headers,
    });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(fake.jobs.filter((j) => j.state === 'running')).toHaveLength(1);
  });
});

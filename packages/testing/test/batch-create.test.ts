import { describe, expect, it } from 'vitest';
import { type AnyBody, call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const start = { clock: { start: '2026-01-01T09:00:00Z' } };
const batch = (fake: ReturnType<typeof createFake>, jobs: unknown, headers = {}) =>
  call(fake, 'POST', '/v1/jobs/batch', { body: { jobs }, headers });
const statuses = (res: AnyBody) => res.body.results.map((r: AnyBody) => r.status);

describe('POST /v1/jobs/batch', () => {
  it('creates every item in order and answers each on its own: a bad item fails alone', async () => {
    const fake = createFake(start);
    const res = await batch(fake, [
      { job_type: 'A', payload: { n: 1 } },
      { job_type: 'bad type' },
      7,
      { job_type: 'B', tags: ['x', 'x'] },
      { job_type: 'C', queue: 'q', run_at: '2026-01-02T00:00:00Z' },
    ]);
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual([201, 400, 400, 400, 201]);
    const [a, badType, notObject, dupTag, c] = res.body.results;
    expect(a).toMatchObject({ replayed: false, job: { job_type: 'A', payload: { n: 1 } } });
    expect(c.job).toMatchObject({ state: 'scheduled', queue: 'q' });
    // Params are relative to the item; its place in the answer says which item it is.
    expect(badType.error).toMatchObject({ code: 'parameter_invalid', param: 'job_type' });
    expect(notObject.error).toMatchObject({ code: 'parameter_invalid', message: /^jobs\.2:/ });
    expect(notObject.error.param).toBeUndefined();
    expect(dupTag.error).toMatchObject({ param: 'tags.1' });
    expect(badType.error.request_id).toBe(res.headers['x-request-id']);
    expect(fake.jobs.map((j) => j.job_type).sort()).toEqual(['A', 'C']);
  });

  it('fails the whole request only for what concerns the request, creating nothing', async () => {
    const fake = createFake(start);
    expect(errorOf(await batch(fake, []))).toMatchObject({ status: 400, param: 'jobs' });
    const many = Array.from({ length: 101 }, () => ({ job_type: 'A' }));
    expect(errorOf(await batch(fake, many))).toMatchObject({ status: 400, param: 'jobs' });
    expect(errorOf(await batch(fake, { job_type: 'A' }))).toMatchObject({ param: 'jobs' });
    const missing = await call(fake, 'POST', '/v1/jobs/batch', { body: {} });
    expect(errorOf(missing)).toEqual({ status: 400, code: 'parameter_missing', param: 'jobs' });
    const extra = await call(fake, 'POST', '/v1/jobs/batch', {
      body: { jobs: [{ job_type: 'A' }], queue: 'q' },
    });
    expect(errorOf(extra)).toEqual({ status: 400, code: 'unknown_parameter', param: 'queue' });
    const anon = await call(fake, 'POST', '/v1/jobs/batch', { body: { jobs: [] }, key: null });
    expect(anon.status).toBe(401);
    expect(fake.jobs).toHaveLength(0);
  });

  it('takes 100 items of near the largest payload: past 2 MiB, within the batch limit', async () => {
    const fake = createFake(start);
    const big = { blob: 'x'.repeat(200_000) };
    const res = await batch(
      fake,
      Array.from({ length: 100 }, () => ({ job_type: 'Big', payload: big })),
    );
    expect(res.status).toBe(200);
    expect(fake.jobs).toHaveLength(100);
    const over = await batch(fake, [{ job_type: 'Big', payload: { blob: 'x'.repeat(262_200) } }]);
    expect(over.body.results[0]).toMatchObject({
      status: 400,
      error: { code: 'payload_too_large', param: 'payload' },
    });
  });

  it('replays the whole answer for the request’s Idempotency-Key', async () => {
    const fake = createFake(start);
    const jobs = [{ job_type: 'A' }, { job_type: '' }, { job_type: 'B' }];
    const first = await batch(fake, jobs, { 'idempotency-key': 'batch-1' });
    const again = await batch(fake, jobs, { 'idempotency-key': 'batch-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(fake.jobs).toHaveLength(2);
    const other = await batch(fake, [{ job_type: 'C' }], { 'idempotency-key': 'batch-1' });
    expect(errorOf(other)).toMatchObject({ status: 409, code: 'idempotency_key_reused' });
  });

  it('replays the answer as first sent, whatever happened to the jobs since, in fresh objects', async () => {
    const fake = createFake(start);
    const jobs = [
      { job_type: 'A', payload: { n: 1 }, tags: ['t'] },
      { job_type: '' },
      { job_type: 'B', idempotency_key: 'b-1' },
      { job_type: 'B', idempotency_key: 'b-1' },
    ];
    const first = await batch(fake, jobs, { 'idempotency-key': 'batch-2' });
    const sent = JSON.stringify(first.body);
    expect(first.body.results.map((r: AnyBody) => [r.status, r.replayed])).toEqual([
      [201, false],
      [400, undefined],
      [201, false],
      [201, true],
    ]);
    const [a, , b] = first.body.results.map((r: AnyBody) => r.job);
    fake.clock.advance(1000);
    fake.startJob(a.id);
    fake.completeJob(a.id, { ok: true });
    fake.cancelJob(b.id);
    // What user code does with an answer it was given is no concern of the store's.
    first.body.results[0].job.state = 'mutated';
    first.body.results[0].status = 599;
    const again = await batch(fake, jobs, { 'idempotency-key': 'batch-2' });
    const third = await batch(fake, jobs, { 'idempotency-key': 'batch-2' });
    expect(JSON.stringify(again.body)).toBe(sent);
    expect(JSON.stringify(third.body)).toBe(sent);
    expect(again.body.results[0]).not.toBe(third.body.results[0]);
    expect(again.body.results[0].job).not.toBe(third.body.results[0].job);
    again.body.results[0].job.state = 'mutated';
    expect(fake.getJob(a.id)?.state).toBe('succeeded');
    expect(third.body.results[0].job.state).toBe('pending');
    expect(fake.jobs).toHaveLength(2);
  });

  it('dedupes items by idempotency_key across batches and with POST /v1/jobs', async () => {
    const fake = createFake(start);
    const single = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'Welcome', payload: { user: 1 } },
      headers: { 'idempotency-key': 'welcome-1' },
    });
    const res = await batch(fake, [
      { job_type: 'Welcome', payload: { user: 1 }, idempotency_key: 'welcome-1' },
      { job_type: 'Welcome', payload: { user: 2 }, idempotency_key: 'welcome-2' },
      { job_type: 'Welcome', payload: { user: 2 }, idempotency_key: 'welcome-2' },
      { job_type: 'Welcome', payload: { user: 9 }, idempotency_key: 'welcome-2' },
      { job_type: 'Welcome', idempotency_key: '' },
    ]);
    const [one, two, twoAgain, reused, badKey] = res.body.results;
    expect(one).toEqual({ status: 201, job: single.body, replayed: true });
    expect(two.replayed).toBe(false);
    expect(twoAgain).toEqual({ ...two, replayed: true });
    expect(reused).toMatchObject({
      status: 409,
      error: { code: 'idempotency_key_reused', param: 'idempotency_key' },
    });
    expect(badKey.error).toMatchObject({ code: 'parameter_invalid', param: 'idempotency_key' });
    const next = await batch(fake, [
      { job_type: 'Welcome', payload: { user: 2 }, idempotency_key: 'welcome-2' },
    ]);
    expect(next.body.results[0]).toEqual({ ...two, replayed: true });
    expect(fake.jobs).toHaveLength(2);
  });

  it('releases an item’s key when the item fails, and forgets keys after 24 h', async () => {
    const fake = createFake({ ...start, quota: { jobsPerDay: 1 } });
    const res = await batch(fake, [
      { job_type: 'A', idempotency_key: 'a' },
      { job_type: 'B', idempotency_key: 'b' },
    ]);
    expect(statuses(res)).toEqual([201, 402]);
    expect(res.body.results[1].error.code).toBe('quota_exceeded');
    fake.clock.advance(24 * 60 * 60 * 1000);
    const later = await batch(fake, [
      { job_type: 'B', idempotency_key: 'b' },
      { job_type: 'A', idempotency_key: 'a' },
    ]);
    // The failed item's key was never kept; the created one's has expired: a new day, new jobs.
    expect(statuses(later)).toEqual([201, 402]);
    expect(later.body.results[0].replayed).toBe(false);
    expect(fake.jobs.map((j) => j.job_type).sort()).toEqual(['A', 'B']);
  });
});

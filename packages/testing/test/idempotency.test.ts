import { describe, expect, it } from 'vitest';
import { call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const key = (k: string) => ({ 'idempotency-key': k });

describe('idempotency', () => {
  it('replays the same key and body with Idempotent-Replayed and a fresh request id', async () => {
    const fake = createFake();
    const first = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A', payload: { a: 1, b: 2 } },
      headers: key('k1'),
    });
    // Same body, other key order and whitespace: still the same request.
    const again = await call(fake, 'POST', '/v1/jobs', {
      body: '{ "payload": {"b":2,"a":1}, "job_type":"A" }',
      headers: key('k1'),
    });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(again.body).toEqual(first.body);
    expect(fake.jobs).toHaveLength(1);
  });

  it('replays the original snapshot even after the job changed', async () => {
    const fake = createFake();
    const first = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
    });
    fake.completeJob(first.body.id, { ok: true });
    const again = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
    });
    expect(again.body.state).toBe('pending');
  });

  it('answers 409 idempotency_key_reused for a different body', async () => {
    const fake = createFake();
    await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' }, headers: key('k') });
    const res = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'B' },
      headers: key('k'),
    });
    expect(errorOf(res)).toEqual({
      status: 409,
      code: 'idempotency_key_reused',
      param: 'Idempotency-Key',
    });
  });

  it('scopes keys by API key, method and path', async () => {
    const fake = createFake({ apiKeys: ['zf_test_sk_a', 'zf_test_sk_b'] });
    const a = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
      key: 'zf_test_sk_a',
    });
    const b = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
      key: 'zf_test_sk_b',
    });
    expect(b.body.id).not.toBe(a.body.id);
    const cancel = await call(fake, 'POST', `/v1/jobs/${a.body.id}/cancel`, {
      headers: key('k'),
      key: 'zf_test_sk_a',
    });
    expect(cancel.status).toBe(200);
    expect(cancel.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers 409 idempotency_in_progress while the first request is held by a delay', async () => {
    const fake = createFake();
    fake.inject({ method: 'POST', path: '/v1/jobs', delayMs: 80 });
    const slow = call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' }, headers: key('k') });
    await new Promise((r) => setTimeout(r, 10));
    const racing = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
    });
    expect(errorOf(racing)).toEqual({
      status: 409,
      code: 'idempotency_in_progress',
      param: 'Idempotency-Key',
    });
    expect((await slow).status).toBe(201);
    const after = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
    });
    expect(after.headers['idempotent-replayed']).toBe('true');
  });

  it('stores only 2xx: a failed request releases the key', async () => {
    const fake = createFake();
    const bad = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A', max_attempts: 0 },
      headers: key('k'),
    });
    expect(bad.status).toBe(400);
    const good = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
    });
    expect(good.status).toBe(201);
    const { body: job } = good;
    fake.completeJob(job.id);
    const conflict = await call(fake, 'POST', `/v1/jobs/${job.id}/cancel`, { headers: key('c') });
    expect(conflict.status).toBe(409);
    fake.reset();
    expect(fake.jobs).toEqual([]);
  });

  it('keeps a key 24 h on the fake clock', async () => {
    const fake = createFake({ clock: { start: '2026-01-01T00:00:00Z' } });
    const first = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
    });
    fake.clock.advance(24 * 3_600_000 - 1);
    const replay = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
    });
    expect(replay.body.id).toBe(first.body.id);
    fake.clock.advance(1);
    const fresh = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('k'),
    });
    expect(fresh.body.id).not.toBe(first.body.id);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses an invalid key with param Idempotency-Key and ignores keys on GET', async () => {
    const fake = createFake();
    const bad = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'A' },
      headers: key('é'),
    });
    expect(errorOf(bad)).toEqual({
      status: 400,
      code: 'parameter_invalid',
      param: 'Idempotency-Key',
    });
    const get = await call(fake, 'GET', '/v1/jobs', { headers: key('é') });
    expect(get.status).toBe(200);
  });
});

import { describe, expect, it } from 'vitest';
import { type AnyBody, call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const start = { clock: { start: '2026-01-01T09:00:00Z' } };

async function claimed(fake: ReturnType<typeof createFake>, n: number): Promise<AnyBody[]> {
  for (let i = 0; i < n; i++) await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' } });
  const res = await call(fake, 'POST', '/v1/jobs/claim', {
    body: { queues: ['default'], limit: n },
  });
  return res.body.jobs;
}

describe('POST /v1/jobs/complete and /v1/jobs/fail (batch forms)', () => {
  it('completes each item on its own: a lost lease is that item’s 409, the others succeed', async () => {
    const fake = createFake(start);
    const [a, b, c] = await claimed(fake, 3);
    await call(fake, 'POST', `/v1/jobs/${b.id}/cancel`);
    const res = await call(fake, 'POST', '/v1/jobs/complete', {
      body: {
        jobs: [
          { id: a.id, lease_id: a.lease.id, result: { n: 1 } },
          { id: b.id, lease_id: b.lease.id },
          { id: 'job_01JDQ3Z8K4M6W2T9R5X7Y1B3C5', lease_id: c.lease.id },
          { id: c.id, lease_id: c.lease.id },
          { id: c.id, lease_id: c.lease.id },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: AnyBody) => r.status)).toEqual([200, 409, 404, 200, 409]);
    expect(res.body.results[0].job).toMatchObject({ state: 'succeeded', result: { n: 1 } });
    expect(res.body.results[1].error).toMatchObject({ code: 'lease_lost' });
    expect(res.body.results[2].error).toMatchObject({ code: 'resource_missing', param: 'id' });
    expect(res.body.results[3].job).toMatchObject({ state: 'succeeded', result: null });
    // Acknowledged once: the same item again finds no lease.
    expect(res.body.results[4].error).toMatchObject({ code: 'lease_lost' });
    expect(fake.webhooks.filter((w) => w.event.type === 'job.succeeded')).toHaveLength(2);
  });

  it('replays a settled batch for its Idempotency-Key instead of reporting lost leases', async () => {
    const fake = createFake(start);
    const jobs = (await claimed(fake, 2)).map((j) => ({ id: j.id, lease_id: j.lease.id }));
    const headers = { 'idempotency-key': 'ack-1' };
    const first = await call(fake, 'POST', '/v1/jobs/complete', { body: { jobs }, headers });
    const again = await call(fake, 'POST', '/v1/jobs/complete', { body: { jobs }, headers });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(first.body.results.map((r: AnyBody) => r.status)).toEqual([200, 200]);
  });

  it('replays an item’s idempotency_key in the single call’s scope, alone or in a batch', async () => {
    const fake = createFake(start);
    const [a, b, c] = await claimed(fake, 3);
    const item = (j: AnyBody, key: string) => ({
      id: j.id,
      lease_id: j.lease.id,
      result: { n: 1 },
      idempotency_key: key,
    });
    const first = await call(fake, 'POST', '/v1/jobs/complete', {
      body: { jobs: [item(a, 'ack-a'), item(b, 'ack-b')] },
    });
    expect(first.body.results.map((r: AnyBody) => r.status)).toEqual([200, 200]);
    // A retry whose first answer was lost: another batch, same keys → the stored answers.
    const again = await call(fake, 'POST', '/v1/jobs/complete', {
      body: { jobs: [item(b, 'ack-b'), item(a, 'ack-a')] },
    });
    expect(again.body.results).toEqual([first.body.results[1], first.body.results[0]]);
    // The single call with the same key (and body) is the same acknowledgement.
    const single = await call(fake, 'POST', `/v1/jobs/${a.id}/complete`, {
      body: { lease_id: a.lease.id, result: { n: 1 } },
      headers: { 'idempotency-key': 'ack-a' },
    });
    expect(single.status).toBe(200);
    expect(single.headers['idempotent-replayed']).toBe('true');
    // …and the other way round: acknowledged alone, replayed in a batch.
    await call(fake, 'POST', `/v1/jobs/${c.id}/complete`, {
      body: { lease_id: c.lease.id, result: { n: 1 } },
      headers: { 'idempotency-key': 'ack-c' },
    });
    const late = await call(fake, 'POST', '/v1/jobs/complete', {
      body: { jobs: [item(c, 'ack-c')] },
    });
    expect(late.body.results[0]).toMatchObject({ status: 200, job: { state: 'succeeded' } });
    // Without a key, a second acknowledgement finds no lease; a key reused for another result is 409.
    const { idempotency_key: _, ...unkeyed } = item(a, 'x');
    const reused = await call(fake, 'POST', '/v1/jobs/complete', {
      body: { jobs: [unkeyed, { ...item(b, 'ack-b'), result: { n: 2 } }] },
    });
    expect(reused.body.results[0].error).toMatchObject({ code: 'lease_lost' });
    expect(reused.body.results[1].error).toMatchObject({
      code: 'idempotency_key_reused',
      param: 'idempotency_key',
    });
    expect(fake.webhooks.filter((w) => w.event.type === 'job.succeeded')).toHaveLength(3);
  });

  it('fails each item as POST /v1/jobs/{id}/fail would, checking each item apart', async () => {
    const fake = createFake(start);
    const [a, b, c] = await claimed(fake, 3);
    const res = await call(fake, 'POST', '/v1/jobs/fail', {
      body: {
        jobs: [
          { id: a.id, lease_id: a.lease.id, error: { message: 'boom' }, retry_in_ms: 500 },
          { id: b.id, lease_id: b.lease.id, error: { message: 'fatal' }, retryable: false },
          { id: c.id, lease_id: c.lease.id },
          'nope',
        ],
      },
    });
    const [retry, fatal, missing, notObject] = res.body.results;
    expect(retry.job).toMatchObject({ state: 'pending', last_error: { message: 'boom' } });
    expect(Date.parse(retry.job.run_at) - Date.parse(retry.job.updated_at)).toBe(500);
    expect(fatal.job).toMatchObject({ state: 'failed' });
    expect(missing).toMatchObject({
      status: 400,
      error: { code: 'parameter_missing', param: 'error' },
    });
    expect(notObject).toMatchObject({ status: 400, error: { code: 'parameter_invalid' } });
    expect(fake.jobs.find((j) => j.id === c.id)?.state).toBe('running');
  });

  it('refuses a malformed list as a whole', async () => {
    const fake = createFake(start);
    const res = await call(fake, 'POST', '/v1/jobs/complete', { body: { jobs: [] } });
    expect(errorOf(res)).toMatchObject({ status: 400, param: 'jobs' });
    const extra = await call(fake, 'POST', '/v1/jobs/fail', { body: { jobs: [{}], x: 1 } });
    expect(errorOf(extra)).toMatchObject({ status: 400, code: 'unknown_parameter', param: 'x' });
  });
});

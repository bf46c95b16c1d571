// Every way a running job stops running must drop its lease. Over the API a stale lease is refused
// with 409 lease_lost either way (the guard also checks that the job is `running`), so a
// transition that forgot to clear the lease would go unseen there: these tests read the stored
// record of the fake's engine (an internal, not part of the package's exports) instead.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock.js';
import * as drivers from '../src/drivers.js';
import { Engine } from '../src/engine/engine.js';
import { KEY } from './helpers/call.js';

function setup() {
  const clock = new FakeClock({ start: '2026-01-01T09:00:00Z' }, () => engine.tick());
  const engine: Engine = new Engine({ apiKeys: [KEY], clock });
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await engine.handle({
      method,
      path,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response fields
    return res as { status: number; body: any };
  };
  const record = (id: string) => engine.ctx.jobs.byId.get(id)!;
  /** Creates a job and claims it over the API; the stored record holds the claim's lease. */
  const claimed = async (job: object = {}, leaseSeconds = 30) => {
    const created = await send('POST', '/v1/jobs', { job_type: 'A', ...job });
    expect(created.status).toBe(201);
    const claim = await send('POST', '/v1/jobs/claim', {
      queues: ['default'],
      lease_seconds: leaseSeconds,
    });
    const [c] = claim.body.jobs;
    expect(c.id).toBe(created.body.id);
    expect(record(c.id).lease).toMatchObject({ id: c.lease.id, seconds: leaseSeconds });
    return { id: c.id as string, leaseId: c.lease.id as string };
  };
  /** The lease is gone from the record, and the API refuses it with 409 lease_lost. */
  const expectLeaseGone = async (id: string, leaseId: string) => {
    expect(record(id).lease).toBeNull();
    const beat = await send('POST', `/v1/jobs/${id}/heartbeat`, { lease_id: leaseId });
    expect([beat.status, beat.body.error?.code]).toEqual([409, 'lease_lost']);
  };
  return { engine, clock, send, record, claimed, expectLeaseGone };
}

describe('a transition out of running drops the lease', () => {
  it('cancel over the API', async () => {
    const t = setup();
    const { id, leaseId } = await t.claimed();
    const res = await t.send('POST', `/v1/jobs/${id}/cancel`);
    expect(res.body.state).toBe('cancelled');
    await t.expectLeaseGone(id, leaseId);
  });

  it('cancel by the fake’s driver', async () => {
    const t = setup();
    const { id, leaseId } = await t.claimed();
    drivers.cancelJob(t.engine.ctx, id);
    await t.expectLeaseGone(id, leaseId);
  });

  it('complete', async () => {
    const t = setup();
    const { id, leaseId } = await t.claimed();
    const res = await t.send('POST', `/v1/jobs/${id}/complete`, {
      lease_id: leaseId,
      result: { ok: true },
    });
    expect(res.body.state).toBe('succeeded');
    await t.expectLeaseGone(id, leaseId);
  });

  it.each([
    ['a retryable fail (back to pending)', { max_attempts: 3 }, true, 'pending'],
    ['a retryable fail with attempts spent', { max_attempts: 1 }, true, 'failed'],
    ['a non-retryable fail', { max_attempts: 3 }, false, 'failed'],
  ])('%s', async (_name, job, retryable, state) => {
    const t = setup();
    const { id, leaseId } = await t.claimed(job);
    const res = await t.send('POST', `/v1/jobs/${id}/fail`, {
      lease_id: leaseId,
      error: { message: 'boom' },
      retryable,
    });
    expect(res.body.state).toBe(state);
    await t.expectLeaseGone(id, leaseId);
  });

  it.each([
    ['lease expiry with attempts left (back to pending)', 3, 'pending'],
    ['lease expiry with attempts spent', 1, 'failed'],
  ])('%s', async (_name, maxAttempts, state) => {
    const t = setup();
    const { id, leaseId } = await t.claimed({ max_attempts: maxAttempts }, 5);
    t.clock.advance(4_999);
    expect(t.record(id).lease?.id).toBe(leaseId);
    t.clock.advance(1);
    expect(t.record(id).job).toMatchObject({ state, last_error: { type: 'lease_expired' } });
    await t.expectLeaseGone(id, leaseId);
  });

  it('a new claim after expiry replaces the lease, and only the new one is honoured', async () => {
    const t = setup();
    const { id, leaseId } = await t.claimed({}, 5);
    t.clock.advance(5_000); // expired: pending again, eligible after the 10 s backoff
    t.clock.advance(10_000);
    const again = await t.send('POST', '/v1/jobs/claim', { queues: ['default'] });
    const next = again.body.jobs[0].lease.id;
    expect(next).not.toBe(leaseId);
    expect(t.record(id).lease?.id).toBe(next);
    const stale = await t.send('POST', `/v1/jobs/${id}/complete`, { lease_id: leaseId });
    expect([stale.status, stale.body.error?.code]).toEqual([409, 'lease_lost']);
    expect(t.record(id).job.state).toBe('running');
    const done = await t.send('POST', `/v1/jobs/${id}/complete`, { lease_id: next });
    expect(done.body.state).toBe('succeeded');
    await t.expectLeaseGone(id, next);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, claimedJob, stubFlare } from './__fixtures__/stub-flare.js';
import { FlareWorker } from './flare-worker.js';
import type { JobContext } from './types.js';
import { LeaseLostError } from './worker-errors.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** A worker whose Ping handlers wait until aborted (or `finish()`), exposing their contexts. */
function holdingWorker(stub: ReturnType<typeof stubFlare>, leaseSeconds = 30, concurrency = 10) {
  const contexts: JobContext[] = [];
  let finish!: () => void;
  const done = new Promise<void>((r) => {
    finish = r;
  });
  const w = new FlareWorker({
    client: stub.client,
    leaseSeconds,
    concurrency,
    shutdownTimeoutMs: 1_000,
    handlers: {
      Ping: async (_job, ctx) => {
        contexts.push(ctx);
        await Promise.race([
          done,
          new Promise((r) => ctx.signal.addEventListener('abort', r, { once: true })),
        ]);
        return 'done';
      },
    },
  });
  return { w, contexts, finish };
}

describe('FlareWorker leases', () => {
  it('heartbeats every held job every third of the lease on one timer, with the latest progress', async () => {
    const stub = stubFlare();
    const { w, contexts, finish } = holdingWorker(stub, 30);
    const progress = vi.fn();
    w.on('progress', progress);
    const jobs = stub.push(claimedJob(), claimedJob(), claimedJob());
    const run = w.run();
    await tick();
    // The long poll's timer, the heartbeat interval: one timer for all three jobs' leases.
    expect(vi.getTimerCount()).toBe(2);
    contexts[0]!.progress(40, 'rendering');
    contexts[0]!.progress(50, 'rendered');
    expect(progress).toHaveBeenLastCalledWith({ job: jobs[0], percent: 50, message: 'rendered' });
    await tick(9_999);
    expect(stub.of('heartbeat')).toHaveLength(0);
    await tick(1);
    const beats = stub.of('heartbeat');
    expect(beats.map((b) => b.jobId).sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(beats.find((b) => b.jobId === jobs[0]!.id)!.body).toEqual({
      lease_id: jobs[0]!.lease.id,
      progress: { percent: 50, message: 'rendered' },
    });
    // Acknowledged progress is not sent again.
    await tick(10_000);
    expect(stub.of('heartbeat')).toHaveLength(6);
    expect(stub.of('heartbeat')[3]!.body).toEqual({ lease_id: expect.any(String) });
    // The leases were renewed: a minute later they still hold.
    await tick(60_000);
    expect(contexts.every((c) => !c.signal.aborted)).toBe(true);
    finish();
    await tick();
    expect(stub.of('complete')).toHaveLength(3);
    await w.close();
    await run;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts ctx.signal with a LeaseLostError on 409 lease_lost and never sends complete or fail', async () => {
    const stub = stubFlare();
    stub.routes.heartbeat = () => apiError(409, 'lease_lost');
    const { w, contexts } = holdingWorker(stub, 30);
    const lost = vi.fn();
    w.on('leaseLost', lost);
    const [job] = stub.push(claimedJob());
    const run = w.run();
    await tick(10_000);
    const reason = contexts[0]!.signal.reason;
    expect(LeaseLostError.isInstance(reason)).toBe(true);
    expect(reason).toMatchObject({ name: 'LeaseLostError', jobId: job!.id, reason: 'lease_lost' });
    expect(lost).toHaveBeenCalledWith({ job, reason: 'lease_lost', error: reason });
    await tick(60_000);
    expect(stub.of('complete')).toHaveLength(0);
    expect(stub.of('fail')).toHaveLength(0);
    expect(stub.of('heartbeat')).toHaveLength(1);
    await w.close();
    await run;
    expect(stub.of('release')).toHaveLength(0);
  });

  it('treats a lease that cannot be renewed in time as lost (two failed heartbeats)', async () => {
    const stub = stubFlare();
    stub.routes.heartbeat = () => ({ status: 503, body: {} });
    const { w, contexts } = holdingWorker(stub, 30);
    stub.push(claimedJob());
    const run = w.run();
    await tick(10_000);
    expect(contexts[0]!.signal.aborted).toBe(false);
    await tick(10_000);
    expect(contexts[0]!.signal.reason).toMatchObject({ reason: 'lease_expired' });
    expect(stub.of('heartbeat')).toHaveLength(2);
    await tick(30_000);
    expect(stub.of('complete')).toHaveLength(0);
    await w.close();
    await run;
  });

  it('loses a lease whose heartbeat hangs past the deadline, aborting the call', async () => {
    const stub = stubFlare();
    const signals: AbortSignal[] = [];
    stub.routes.heartbeat = (req) => {
      signals.push(req.signal!);
      return new Promise(() => undefined);
    };
    const { w, contexts } = holdingWorker(stub, 30);
    stub.push(claimedJob());
    const run = w.run();
    // One attempt may take one interval: the client's own timeout is bounded by it.
    await tick(10_000);
    expect(stub.of('heartbeat')[0]!.signal).toBeDefined();
    await tick(20_000);
    expect(contexts[0]!.signal.aborted).toBe(true);
    expect(signals.every((s) => s.aborted)).toBe(true);
    await w.close();
    await run;
  });

  it('reaches a running handler within one heartbeat interval of a cancel', async () => {
    const stub = stubFlare();
    let cancelled = false;
    stub.routes.heartbeat = () => (cancelled ? apiError(409, 'lease_lost') : undefined);
    const { w, contexts } = holdingWorker(stub, 15);
    stub.push(claimedJob());
    const run = w.run();
    await tick(6_000);
    cancelled = true;
    const at = Date.now();
    while (!contexts[0]!.signal.aborted && Date.now() - at < 20_000) await tick(100);
    expect(Date.now() - at).toBeLessThanOrEqual(5_000);
    await w.close();
    await run;
  });

  it('refuses bad progress where it is reported', async () => {
    const stub = stubFlare();
    const { w, contexts, finish } = holdingWorker(stub);
    stub.push(claimedJob());
    const run = w.run();
    await tick();
    expect(() => contexts[0]!.progress(101)).toThrow(/percent must be a number from 0 to 100/);
    expect(() => contexts[0]!.progress(Number.NaN)).toThrow(/percent/);
    contexts[0]!.progress(10, 'x'.repeat(2000));
    await tick(10_000);
    expect(stub.of('heartbeat')[0]!.body.progress.message).toHaveLength(1024);
    finish();
    await w.close();
    await run;
  });

  it('counts a lease from the answer of a long poll that waited, not from its start', async () => {
    const stub = stubFlare();
    const { w, contexts, finish } = holdingWorker(stub, 15);
    const run = w.run();
    // The poll has waited 19 s (longer than the lease) when the job arrives.
    await tick(19_000);
    stub.push(claimedJob());
    await tick();
    expect(contexts).toHaveLength(1);
    await tick(5_000);
    expect(contexts[0]!.signal.aborted).toBe(false);
    expect(stub.of('heartbeat')).toHaveLength(1);
    finish();
    await w.close();
    await run;
  });
});

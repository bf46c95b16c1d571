import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimedJob, stubFlare } from './__fixtures__/stub-flare.js';
import { FlareWorker } from './flare-worker.js';
import type { JobContext } from './types.js';
import { WorkerStoppedError } from './worker-errors.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** Ping runs `ms` (or until its signal aborts, if `obeys`); records its contexts. */
function timedWorker(
  stub: ReturnType<typeof stubFlare>,
  ms: number,
  { obeys = true, shutdownTimeoutMs = 30_000 } = {},
) {
  const contexts: JobContext[] = [];
  const w = new FlareWorker({
    client: stub.client,
    shutdownTimeoutMs,
    handlers: {
      Ping: async (_job, ctx) => {
        contexts.push(ctx);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          if (obeys) {
            ctx.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve();
            });
          }
        });
        return 'finished';
      },
    },
  });
  return { w, contexts };
}

describe('FlareWorker shutdown', () => {
  it('close() ends an idle long poll at once and leaves no timer behind', async () => {
    const stub = stubFlare();
    const { w } = timedWorker(stub, 10);
    const run = w.run();
    await tick(1_000);
    const [claim] = stub.of('claim');
    const closed = w.close();
    expect(claim!.signal!.aborted).toBe(true);
    await closed;
    await run;
    expect(vi.getTimerCount()).toBe(0);
    expect(stub.of('claim')).toHaveLength(1);
  });

  it('lets running jobs finish within shutdownTimeoutMs and claims nothing new', async () => {
    const stub = stubFlare();
    const { w } = timedWorker(stub, 5_000);
    stub.push(claimedJob(), claimedJob());
    const run = w.run();
    await tick(1_000);
    stub.push(claimedJob());
    let closed = false;
    void w.close().then(() => {
      closed = true;
    });
    await tick(3_999);
    expect(closed).toBe(false);
    await tick(1);
    expect(closed).toBe(true);
    await run;
    expect(stub.of('complete')).toHaveLength(2);
    expect(stub.of('release')).toHaveLength(0);
    expect(stub.queue).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts and releases jobs past shutdownTimeoutMs, and drops their late results', async () => {
    const stub = stubFlare();
    const { w, contexts } = timedWorker(stub, 60_000, { obeys: false, shutdownTimeoutMs: 2_000 });
    const released = vi.fn();
    w.on('released', released);
    const [job] = stub.push(claimedJob());
    const run = w.run();
    await tick();
    const closed = w.close();
    await tick(1_999);
    expect(contexts[0]!.signal.aborted).toBe(false);
    await tick(1);
    await closed;
    await run;
    expect(WorkerStoppedError.isInstance(contexts[0]!.signal.reason)).toBe(true);
    expect(stub.of('release').map((r) => [r.jobId, r.body])).toEqual([
      [job!.id, { lease_id: job!.lease.id }],
    ]);
    expect(released).toHaveBeenCalledWith({ job, reason: 'shutdown' });
    // The handler ignored its signal; when it returns, nothing is sent for the released job.
    await tick(60_000);
    expect(stub.of('complete')).toHaveLength(0);
  });

  it('close({ force: true }) (a second signal) skips the grace', async () => {
    const stub = stubFlare();
    const { w, contexts } = timedWorker(stub, 60_000);
    stub.push(claimedJob());
    const run = w.run();
    await tick();
    const first = w.close();
    await tick(100);
    const second = w.close({ force: true });
    expect(second).toBe(first);
    await tick();
    await second;
    await run;
    expect(contexts[0]!.signal.aborted).toBe(true);
    expect(stub.of('release')).toHaveLength(1);
  });

  it('releases jobs whose claim answer arrived after close()', async () => {
    const stub = stubFlare();
    const late = claimedJob();
    const { w } = timedWorker(stub, 10);
    // The answer has arrived when close() aborts the call: the jobs are the worker's to give back.
    stub.routes.claim = () => ({
      status: 200,
      body: { jobs: [late] },
      onBody: () => void w.close(),
    });
    const released = vi.fn();
    w.on('released', released);
    const started = vi.fn();
    w.on('started', started);
    await w.run();
    expect(released).toHaveBeenCalledWith({ job: late, reason: 'claimed_after_close' });
    expect(stub.of('release')[0]!.body).toEqual({ lease_id: late.lease.id });
    expect(started).not.toHaveBeenCalled();
  });

  it('bounds the release by its budget when Flare does not answer', async () => {
    const stub = stubFlare();
    stub.routes.release = () => new Promise(() => undefined);
    const { w } = timedWorker(stub, 60_000, { obeys: false, shutdownTimeoutMs: 0 });
    const lost = vi.fn();
    w.on('leaseLost', lost);
    stub.push(claimedJob());
    const run = w.run();
    await tick();
    const closed = w.close();
    await tick(10_000);
    await closed;
    await run;
    expect(lost.mock.calls[0]![0]).toMatchObject({ reason: 'lease_expired' });
  });
});

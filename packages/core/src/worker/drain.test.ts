import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimedJob, stubFlare } from './__fixtures__/stub-flare.js';
import { FlareWorker } from './flare-worker.js';
import { NonRetryableError, WorkerStoppedError } from './worker-errors.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FlareWorker.drain()', () => {
  it('runs what is queued without long-polling and stops when a claim comes back empty', async () => {
    const stub = stubFlare();
    const w = new FlareWorker({
      client: stub.client,
      concurrency: 2,
      handlers: {
        Ping: async (job) => {
          await wait(100);
          if (job.payload.bad) throw new NonRetryableError('bad');
          return 1;
        },
      },
    });
    stub.push(claimedJob(), claimedJob('Ping', { payload: { bad: true } }), claimedJob());
    const summary = w.drain({ deadlineMs: 25_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await summary).toEqual({
      claimed: 3,
      succeeded: 2,
      failed: 1,
      released: 0,
      lost: 0,
      stoppedBy: 'empty',
      durationMs: 200,
    });
    expect(stub.of('claim').every((c) => c.body.wait_ms === 0)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('claims at most maxJobs', async () => {
    const stub = stubFlare();
    const w = new FlareWorker({
      client: stub.client,
      concurrency: 10,
      handlers: { Ping: () => 1 },
    });
    stub.push(...Array.from({ length: 8 }, () => claimedJob()));
    const summary = await w.drain({ deadlineMs: 5_000, maxJobs: 5 });
    expect(stub.of('claim')[0]!.body.limit).toBe(5);
    expect(summary).toMatchObject({ claimed: 5, succeeded: 5, stoppedBy: 'maxJobs' });
    expect(stub.queue).toHaveLength(3);
  });

  it('aborts and releases what runs at the deadline, keeping a tenth of it for the releases', async () => {
    const stub = stubFlare();
    const signals: AbortSignal[] = [];
    const w = new FlareWorker({
      client: stub.client,
      concurrency: 2,
      handlers: {
        Ping: async (_job, ctx) => {
          signals.push(ctx.signal);
          await new Promise((r) => ctx.signal.addEventListener('abort', r));
        },
      },
    });
    // More than the slots: still claiming (waiting for a slot) when the deadline comes.
    stub.push(claimedJob(), claimedJob(), claimedJob());
    const summary = w.drain({ deadlineMs: 10_000 });
    await vi.advanceTimersByTimeAsync(8_999);
    expect(signals.map((s) => s.aborted)).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await summary).toMatchObject({
      claimed: 2,
      released: 2,
      stoppedBy: 'deadline',
      durationMs: 9_000,
    });
    expect(WorkerStoppedError.isInstance(signals[0]!.reason)).toBe(true);
    expect(stub.of('release')).toHaveLength(2);
    expect(stub.of('complete')).toHaveLength(0);
  });

  it('checks its options', async () => {
    const stub = stubFlare();
    const w = new FlareWorker({ client: stub.client, handlers: { Ping: () => 1 } });
    await expect(w.drain({ deadlineMs: 0 })).rejects.toThrow(/deadlineMs must be a whole number/);
    await expect(w.drain({ deadlineMs: 100, maxJobs: 0 })).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'maxJobs',
    });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../errors/api-errors.js';
import { apiError, claimedJob, stubFlare } from './__fixtures__/stub-flare.js';
import { FlareWorker } from './flare-worker.js';
import type { FlareWorkerOptions } from './types.js';
import { NonRetryableError, RetryLaterError } from './worker-errors.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

function worker(stub: ReturnType<typeof stubFlare>, options: Partial<FlareWorkerOptions> = {}) {
  return new FlareWorker({
    client: stub.client,
    handlers: { Ping: async () => 'pong' },
    workerId: 'unit-1',
    ...options,
  });
}

describe('FlareWorker claiming', () => {
  it('claims only its job types, at most the free slots in one call, long-polling when idle', async () => {
    const stub = stubFlare();
    const w = worker(stub, {
      concurrency: 3,
      leaseSeconds: 30,
      queues: ['default', 'emails'],
      handlers: { Ping: async () => 'pong', SendEmail: async () => ({ id: 1 }) },
    });
    const run = w.run();
    await tick();
    const [first] = stub.of('claim');
    expect(first!.body).toEqual({
      queues: ['default', 'emails'],
      job_types: ['Ping', 'SendEmail'],
      limit: 3,
      lease_seconds: 30,
      wait_ms: 20_000,
      worker_id: 'unit-1',
    });
    expect(first!.headers['idempotency-key']).toMatch(/^flare-/);
    // Idle: the long poll is the only request for its whole wait.
    await tick(19_999);
    expect(stub.of('claim')).toHaveLength(1);
    await tick(1);
    expect(stub.of('claim')).toHaveLength(2);
    await w.close();
    await run;
  });

  it('starts a job pushed during a long poll at once, and claims again at once after a batch', async () => {
    const stub = stubFlare();
    const started: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const w = worker(stub, {
      concurrency: 2,
      handlers: {
        Ping: async () => {
          started.push(Date.now());
          await gate;
        },
      },
    });
    const run = w.run();
    await tick(5_000);
    const pushedAt = Date.now();
    stub.push(claimedJob(), claimedJob(), claimedJob());
    await tick();
    expect(started).toEqual([pushedAt, pushedAt]);
    // Both slots busy: no claim until one frees.
    expect(stub.of('claim')).toHaveLength(1);
    release();
    await tick();
    const claims = stub.of('claim');
    expect(claims[1]!.body.limit).toBe(2);
    expect(started).toHaveLength(3);
    expect(stub.of('complete')).toHaveLength(3);
    await w.close();
    await run;
  });

  it('backs off after a failed claim, honouring Retry-After, and never stops for it', async () => {
    const stub = stubFlare();
    let failures = 2;
    stub.routes.claim = () =>
      failures-- > 0
        ? {
            status: 429,
            body: { error: { type: 'rate_limited', code: 'rate_limited', message: 'slow down' } },
            headers: { 'retry-after': '7' },
          }
        : undefined;
    const w = worker(stub);
    const errors: number[] = [];
    w.on('claimError', ({ retryInMs }) => errors.push(retryInMs));
    const run = w.run();
    await tick();
    expect(errors).toEqual([7000]);
    await tick(6_999);
    expect(stub.of('claim')).toHaveLength(1);
    await tick(1);
    expect(stub.of('claim')).toHaveLength(2);
    await tick(7_000);
    expect(stub.of('claim')).toHaveLength(3);
    expect(errors).toEqual([7000, 7000]);
    await w.close();
    await run;
  });

  it('backs off exponentially from 1 s after network errors', async () => {
    const stub = stubFlare();
    stub.routes.claim = () => {
      throw new Error('ECONNREFUSED');
    };
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    const w = worker(stub);
    const errors: number[] = [];
    w.on('claimError', ({ retryInMs, error }) => {
      expect((error as Error).name).toBe('ConnectionError');
      errors.push(Math.round(retryInMs));
    });
    const run = w.run();
    await tick(1_000 + 2_000 + 4_000);
    expect(errors).toEqual([1000, 2000, 4000, 8000]);
    await w.close();
    await run;
    vi.restoreAllMocks();
  });

  it('stops run() with the AuthError of a 401, after shutting down', async () => {
    const stub = stubFlare();
    stub.routes.claim = () => ({
      status: 401,
      body: {
        error: { type: 'authentication_error', code: 'invalid_api_key', message: 'bad key' },
      },
    });
    const w = worker(stub);
    const stopped = vi.fn();
    w.on('stopped', stopped);
    const error = await w.run().catch((e: unknown) => e);
    expect(AuthError.isInstance(error)).toBe(true);
    expect(stopped).toHaveBeenCalledWith({ error });
    expect(stub.of('claim')).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never runs a replayed claim whose leases may have run out: someone else may hold them', async () => {
    const stub = stubFlare();
    const job = claimedJob('Ping');
    let claims = 0;
    // The first claim's answer is a replay (a retry got the stored answer of an attempt that timed
    // out), arriving a whole lease after the call was sent.
    stub.routes.claim = async () => {
      if (claims++ > 0) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      return { status: 200, body: { jobs: [job] }, headers: { 'idempotent-replayed': 'true' } };
    };
    const ran = vi.fn(async () => 'pong');
    const w = worker(stub, { leaseSeconds: 30, handlers: { Ping: ran } });
    const lost = vi.fn();
    w.on('leaseLost', lost);
    const run = w.run();
    await tick(30_000);
    await tick();
    expect(ran).not.toHaveBeenCalled();
    expect(lost).toHaveBeenCalledWith(
      expect.objectContaining({
        job: expect.objectContaining({ id: job.id }),
        reason: 'lease_expired',
      }),
    );
    // Nothing is sent for it: not a heartbeat, a completion or a release.
    expect(stub.requests.filter((r) => r.jobId === job.id)).toEqual([]);
    await w.close();
    await run;
  });

  it('runs a replayed claim still within its lease, and one answered late by a long poll', async () => {
    for (const replayed of [true, false]) {
      const stub = stubFlare();
      const job = claimedJob('Ping');
      let claims = 0;
      stub.routes.claim = async () => {
        if (claims++ > 0) return undefined;
        await new Promise((resolve) => setTimeout(resolve, replayed ? 20_000 : 30_000));
        const headers: Record<string, string> = replayed ? { 'idempotent-replayed': 'true' } : {};
        return { status: 200, body: { jobs: [job] }, headers };
      };
      const ran = vi.fn(async () => 'pong');
      const w = worker(stub, { leaseSeconds: 30, handlers: { Ping: ran } });
      const run = w.run();
      await tick(30_000);
      await tick();
      expect(ran, `replayed: ${replayed}`).toHaveBeenCalledTimes(1);
      await w.close();
      await run;
    }
  });

  it('runs once', async () => {
    const stub = stubFlare();
    const w = worker(stub);
    const run = w.run();
    await expect(w.run()).rejects.toThrow(/runs once/);
    await w.close();
    await run;
    await expect(w.drain({ deadlineMs: 1000 })).rejects.toThrow(/runs once/);
  });
});

describe('FlareWorker results', () => {
  it('completes with the handler result and reports each step', async () => {
    const stub = stubFlare();
    const w = worker(stub, { handlers: { Ping: async (job) => ({ echoed: job.id }) } });
    const seen: string[] = [];
    for (const name of ['claimed', 'started', 'succeeded', 'stopped'] as const) {
      w.on(name, () => seen.push(name));
    }
    const [job] = stub.push(claimedJob());
    const run = w.run();
    await tick();
    const [complete] = stub.of('complete');
    expect(complete!.jobId).toBe(job!.id);
    expect(complete!.body).toEqual({ lease_id: job!.lease.id, result: { echoed: job!.id } });
    await w.close();
    await run;
    expect(seen).toEqual(['claimed', 'started', 'succeeded', 'stopped']);
  });

  it('acknowledges jobs that finish together in one request; a lost lease in it is leaseLost', async () => {
    const stub = stubFlare();
    const jobs = stub.push(...Array.from({ length: 5 }, () => claimedJob()));
    stub.routes.complete = (req) =>
      req.jobId === jobs[2]!.id ? apiError(409, 'lease_lost') : undefined;
    const w = worker(stub, { concurrency: 5 });
    const succeeded = vi.fn();
    const lost = vi.fn();
    w.on('succeeded', succeeded);
    w.on('leaseLost', lost);
    const run = w.run();
    await tick();
    expect(stub.batches).toEqual([5]);
    expect(succeeded).toHaveBeenCalledTimes(4);
    expect(lost).toHaveBeenCalledOnce();
    expect(lost.mock.calls[0]![0]).toMatchObject({
      job: { id: jobs[2]!.id },
      reason: 'lease_lost',
    });
    await w.close();
    await run;
  });

  it('sends undefined as a null result', async () => {
    const stub = stubFlare();
    const w = worker(stub, { handlers: { Ping: () => undefined } });
    stub.push(claimedJob());
    const run = w.run();
    await tick();
    expect(stub.of('complete')[0]!.body.result).toBeNull();
    await w.close();
    await run;
  });

  it('retries the result with backoff and one idempotency key until it is stored', async () => {
    const stub = stubFlare();
    let outage = 4;
    stub.routes.complete = () => (outage-- > 0 ? { status: 503, body: {} } : undefined);
    const w = worker(stub);
    const succeeded = vi.fn();
    w.on('succeeded', succeeded);
    stub.push(claimedJob());
    const run = w.run();
    await tick(20_000);
    const tries = stub.of('complete');
    expect(tries).toHaveLength(5);
    expect(new Set(tries.map((t) => t.headers['idempotency-key'])).size).toBe(1);
    expect(succeeded).toHaveBeenCalledOnce();
    await w.close();
    await run;
  });

  it('gives a result up when the lease would expire, without heartbeating it', async () => {
    const stub = stubFlare();
    stub.routes.complete = () => ({ status: 503, body: {} });
    const w = worker(stub, { leaseSeconds: 15 });
    const lost = vi.fn();
    w.on('leaseLost', lost);
    stub.push(claimedJob());
    const run = w.run();
    await tick(15_000);
    expect(lost).toHaveBeenCalledOnce();
    expect(lost.mock.calls[0]![0].reason).toBe('lease_expired');
    const count = stub.of('complete').length;
    expect(count).toBeGreaterThan(2);
    expect(stub.of('heartbeat')).toHaveLength(0);
    await tick(60_000);
    expect(stub.of('complete')).toHaveLength(count);
    await w.close();
    await run;
  });

  it('fails the attempt with the error name and message, cut to the contract and without the key', async () => {
    const stub = stubFlare();
    class QuotaHit extends Error {
      override name = 'QuotaHit';
    }
    const w = worker(stub, {
      handlers: {
        Ping: async () => {
          throw new QuotaHit(`key zf_live_sk_abc123 refused ${'x'.repeat(5000)}`);
        },
      },
    });
    const failed = vi.fn();
    w.on('failed', failed);
    stub.push(claimedJob());
    const run = w.run();
    await tick();
    const body = stub.of('fail')[0]!.body;
    expect(body.retryable).toBe(true);
    expect(body.error.type).toBe('QuotaHit');
    expect(body.error.message).toHaveLength(4096);
    expect(body.error.message).toMatch(/^key zf_live_sk_\*\*\* refused x/);
    expect(body).not.toHaveProperty('retry_in_ms');
    expect(failed.mock.calls[0]![0]).toMatchObject({ final: false });
    await w.close();
    await run;
  });

  it('fails a job whose result is not JSON for good', async () => {
    const stub = stubFlare();
    const w = worker(stub, { handlers: { Ping: () => ({ n: 1n }) } });
    stub.push(claimedJob());
    const run = w.run();
    await tick();
    expect(stub.of('complete')).toHaveLength(0);
    const body = stub.of('fail')[0]!.body;
    expect(body).toMatchObject({ retryable: false, error: { type: 'NonRetryableError' } });
    expect(body.error.message).toMatch(/not JSON/);
    await w.close();
    await run;
  });

  it('fails a job for good when Flare refuses its result (payload_too_large)', async () => {
    const stub = stubFlare();
    stub.routes.complete = () => ({
      status: 400,
      body: {
        error: { type: 'invalid_request_error', code: 'payload_too_large', message: 'too big' },
      },
    });
    const w = worker(stub);
    stub.push(claimedJob());
    const run = w.run();
    await tick();
    expect(stub.of('fail')[0]!.body).toMatchObject({ retryable: false });
    expect(stub.of('fail')[0]!.body.error.message).toMatch(/refused the result.*too big/);
    await w.close();
    await run;
  });

  it('fails the job for good on NonRetryableError, and asks for a later attempt on RetryLaterError', async () => {
    const stub = stubFlare();
    const w = worker(stub, {
      handlers: {
        Ping: (job) => {
          if (job.payload.later) throw new RetryLaterError('partner 429', { delayMs: 60_000 });
          throw new NonRetryableError('no such user');
        },
      },
    });
    const failed = vi.fn();
    w.on('failed', failed);
    stub.push(claimedJob(), claimedJob('Ping', { payload: { later: true } }));
    const run = w.run();
    await tick();
    const [never, later] = stub.of('fail').map((f) => f.body);
    expect(never).toMatchObject({
      retryable: false,
      error: { type: 'NonRetryableError', message: 'no such user' },
    });
    expect(never).not.toHaveProperty('retry_in_ms');
    expect(later).toMatchObject({
      retryable: true,
      retry_in_ms: 60_000,
      error: { type: 'RetryLaterError', message: 'partner 429' },
    });
    expect(failed.mock.calls.map(([e]) => e.final)).toEqual([true, false]);
    await w.close();
    await run;
  });

  it('keeps running when a listener throws, reporting it to the logger', async () => {
    const stub = stubFlare();
    const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
    const w = worker(stub, { logger });
    w.on('started', () => {
      throw new Error('listener bug');
    });
    const off = w.on('succeeded', () => undefined);
    off();
    stub.push(claimedJob());
    const run = w.run();
    await tick();
    expect(stub.of('complete')).toHaveLength(1);
    expect(logger.error).toHaveBeenCalledWith('A FlareWorker "started" listener threw', {
      error: expect.objectContaining({ message: 'listener bug' }),
    });
    expect(logger.info).toHaveBeenCalledWith('Flare worker started', expect.any(Object));
    await w.close();
    await run;
  });
});

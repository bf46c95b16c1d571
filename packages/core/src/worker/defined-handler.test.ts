// `worker.handle(definition, handler)`: the claimed payload is validated again before the handler
// runs; a bad one fails the job for good (type ValidationError) without calling the handler, a
// good one reaches the handler as the schema parsed it. On the fake clock, against the stub API.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../definitions/define-job.js';
import { FlareError } from '../errors/flare-error.js';
import { claimedJob, stubFlare } from './__fixtures__/stub-flare.js';
import { FlareWorker } from './flare-worker.js';
import type { FlareWorkerOptions } from './types.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

const sendWelcome = defineJob({
  type: 'SendWelcomeEmail',
  payload: z.object({
    email: z.email(),
    name: z.string().default('friend'),
    at: z.iso.datetime().transform((s) => new Date(s)),
  }),
  result: z.object({ messageId: z.string() }),
});

function worker(stub: ReturnType<typeof stubFlare>, options: Partial<FlareWorkerOptions> = {}) {
  return new FlareWorker({ client: stub.client, workerId: 'unit-1', ...options });
}

describe('FlareWorker.handle(definition, handler)', () => {
  it('fails a job whose payload does not parse for good, as ValidationError, unseen by the handler', async () => {
    const stub = stubFlare();
    const handler = vi.fn(async () => ({ messageId: 'm' }));
    const w = worker(stub).handle(sendWelcome, handler);
    const events = { started: vi.fn(), failed: vi.fn() };
    w.on('started', events.started);
    w.on('failed', events.failed);
    const [bad] = stub.push(
      claimedJob('SendWelcomeEmail', { payload: { email: 'not-an-email', at: 'yesterday' } }),
    );
    const run = w.run();
    await tick();
    expect(handler).not.toHaveBeenCalled();
    expect(events.started).not.toHaveBeenCalled();
    expect(stub.of('complete')).toHaveLength(0);
    const [fail] = stub.of('fail');
    expect(fail!.jobId).toBe(bad!.id);
    expect(fail!.body).toMatchObject({ lease_id: bad!.lease.id, retryable: false });
    expect(fail!.body).not.toHaveProperty('retry_in_ms');
    expect(fail!.body.error.type).toBe('ValidationError');
    expect(fail!.body.error.message).toMatch(
      /^SendWelcomeEmail payload is invalid: payload\.email: .*; payload\.at: /,
    );
    expect(events.failed).toHaveBeenCalledTimes(1);
    const event = events.failed.mock.calls[0]![0];
    expect(event).toMatchObject({ job: { id: bad!.id }, final: true });
    expect(event.error).toMatchObject({ name: 'ValidationError', param: 'payload.email' });
    await w.close();
    await run;
  });

  it('passes the parsed payload (defaults, transforms) to the handler and stores its result', async () => {
    const stub = stubFlare();
    const seen: unknown[] = [];
    const w = worker(stub).handle(sendWelcome, async (payload, ctx) => {
      seen.push(payload, ctx.job.payload, ctx.attempt);
      ctx.progress(50);
      return { messageId: `m-${payload.name}-${payload.at.getUTCFullYear()}` };
    });
    const payload = { email: 'ann@example.com', at: '2026-03-01T09:00:00Z' };
    const [job] = stub.push(claimedJob('SendWelcomeEmail', { payload }));
    const started = vi.fn();
    w.on('started', started);
    const run = w.run();
    await tick();
    const parsed = { email: 'ann@example.com', name: 'friend', at: new Date(payload.at) };
    expect(seen).toEqual([parsed, parsed, 1]);
    // Events report the job as claimed; only the handler sees the parsed payload.
    expect(started.mock.calls[0]![0].job.payload).toEqual(payload);
    expect(stub.of('complete')[0]!.body).toEqual({
      lease_id: job!.lease.id,
      result: { messageId: 'm-friend-2026' },
    });
    expect(stub.of('fail')).toHaveLength(0);
    await w.close();
    await run;
  });

  it('runs next to plain handlers: both types are claimed, each handler gets its own shape', async () => {
    const stub = stubFlare();
    const got: unknown[] = [];
    const w = worker(stub, {
      handlers: { Ping: (job) => void got.push(['Ping', job.payload]) },
    }).handle(sendWelcome, (payload) => {
      got.push(['SendWelcomeEmail', payload.email]);
      return { messageId: 'm' };
    });
    stub.push(
      claimedJob('Ping', { payload: { n: 1 } }),
      claimedJob('SendWelcomeEmail', {
        payload: { email: 'bo@example.com', at: '2026-03-01T09:00:00Z' },
      }),
    );
    const run = w.run();
    await tick();
    expect(stub.of('claim')[0]!.body.job_types).toEqual(['Ping', 'SendWelcomeEmail']);
    expect(got).toEqual([
      ['Ping', { n: 1 }],
      ['SendWelcomeEmail', 'bo@example.com'],
    ]);
    expect(stub.of('complete')).toHaveLength(2);
    await w.close();
    await run;
  });

  it('fails a schema that throws like any handler error: retryable', async () => {
    const stub = stubFlare();
    const broken = defineJob({
      type: 'Broken',
      payload: z.object({}).transform(() => {
        throw new TypeError('schema bug');
      }),
    });
    const handler = vi.fn();
    const w = worker(stub).handle(broken, handler);
    stub.push(claimedJob('Broken'));
    const run = w.run();
    await tick();
    expect(handler).not.toHaveBeenCalled();
    expect(stub.of('fail')[0]!.body).toMatchObject({
      retryable: true,
      error: { type: 'TypeError', message: 'schema bug' },
    });
    await w.close();
    await run;
  });

  it('refuses a bad definition or handler, a second handler for a type, and a late call', async () => {
    const stub = stubFlare();
    const w = worker(stub, { handlers: { SendWelcomeEmail: () => 1 } });
    // biome-ignore lint/suspicious/noExplicitAny: what an untyped caller can pass
    const loose = w as any;
    expect(() => loose.handle({ type: 'X' }, () => 1)).toThrow(/definition from defineJob/);
    expect(() => loose.handle({ ...sendWelcome, type: 'a b' }, () => 1)).toThrow(/not a job type/);
    expect(() => loose.handle(sendWelcome, 'run')).toThrow(/handler must be a function/);
    expect(() => w.handle(sendWelcome, () => ({ messageId: 'm' }))).toThrow(
      expect.objectContaining({ name: 'ValidationError', param: 'definition' }),
    );
    const other = defineJob({ type: 'Other', payload: z.object({}) });
    const run = w.run();
    expect(() => w.handle(other, () => 1)).toThrow(FlareError);
    await w.close();
    await run;
  });

  it('rejects run() of a worker without any handler', async () => {
    const stub = stubFlare();
    await expect(worker(stub).run()).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'handlers',
      message: expect.stringMatching(/no handlers/),
    });
    expect(stub.requests).toHaveLength(0);
  });
});

// The consumer half of typed jobs, per Standard Schema library: `worker.handle(definition, fn)`
// types the handler's payload and result from the definition (a wrong one does not compile) and
// validates each claimed payload before the handler runs. On the fake clock, against the stub API.
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import {
  type ClaimedJob,
  type DefinedJobHandler,
  defineJob,
  FlareWorker,
  type JobContext,
} from '../src/index.js';
import { claimedJob, stubFlare } from '../src/worker/__fixtures__/stub-flare.js';
import { definitions, type Welcome } from './__fixtures__/welcome-definitions.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(Object.entries(definitions))('worker.handle with %s', (_, def) => {
  it('runs a good payload and fails a bad one for good, unseen by the handler', async () => {
    const stub = stubFlare();
    const seen: unknown[] = [];
    const w = new FlareWorker({ client: stub.client }).handle(def, async (payload) => {
      seen.push(payload);
      return { messageId: `m-${payload.name}` };
    });
    const [good, bad] = stub.push(
      claimedJob('SendWelcomeEmail', { payload: { email: 'ann@example.com', name: 'Ann' } }),
      claimedJob('SendWelcomeEmail', { payload: { email: 'ann@example.com', name: 7 } }),
    );
    const run = w.run();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([{ email: 'ann@example.com', name: 'Ann' }]);
    expect(stub.of('complete').map((r) => [r.jobId, r.body.result])).toEqual([
      [good!.id, { messageId: 'm-Ann' }],
    ]);
    const [fail] = stub.of('fail');
    expect(fail!.jobId).toBe(bad!.id);
    expect(fail!.body).toMatchObject({ retryable: false, error: { type: 'ValidationError' } });
    expect(fail!.body.error.message).toMatch(
      /^SendWelcomeEmail payload is invalid: payload\.name: /,
    );
    await w.close();
    await run;
  });
});

const worker = () => new FlareWorker({ client: stubFlare().client });

describe('worker.handle types', () => {
  it('infers the handler’s payload from the schema’s output, its ctx and its result', () => {
    const { zod, valibot, arktype } = definitions;
    // A worker per call: one type takes one handler.
    const w = { handle: ((def, fn) => worker().handle(def, fn)) as FlareWorker['handle'] };
    w.handle(zod, (payload, ctx) => {
      expectTypeOf(payload).toEqualTypeOf<Welcome>();
      expectTypeOf(ctx).toEqualTypeOf<JobContext<Welcome>>();
      expectTypeOf(ctx.job).toEqualTypeOf<ClaimedJob<Welcome>>();
      return { messageId: payload.email };
    });
    w.handle(valibot, async (payload) => {
      expectTypeOf(payload).toEqualTypeOf<Welcome>();
      return { messageId: payload.name };
    });
    w.handle(arktype, async (payload) => {
      expectTypeOf(payload).toEqualTypeOf<{ email: string; name: string; tags?: string[] }>();
      return { messageId: payload.name };
    });
    type Handler = DefinedJobHandler<typeof zod>;
    expectTypeOf<Parameters<Handler>[0]>().toEqualTypeOf<Welcome>();
    expectTypeOf<ReturnType<Handler>>().toEqualTypeOf<
      { messageId: string } | PromiseLike<{ messageId: string }>
    >();
    // The schema's output, not its input: defaults are filled in, transforms applied.
    const resize = defineJob({
      type: 'Resize',
      payload: z.object({ url: z.url(), width: z.number().default(800), at: z.iso.datetime() }),
    });
    const withTransform = defineJob({
      type: 'Stamp',
      payload: z.object({ at: z.iso.datetime().transform((s) => new Date(s)) }),
    });
    w.handle(resize, (payload) => {
      expectTypeOf(payload.width).toEqualTypeOf<number>();
      // No result declared: anything JSON goes.
      return payload.width > 100 ? 'big' : { small: true };
    });
    w.handle(withTransform, (payload) => {
      expectTypeOf(payload.at).toEqualTypeOf<Date>();
    });
  });

  it('does not compile a wrong payload use or a wrong result, for each library', () => {
    const w = { handle: ((def, fn) => worker().handle(def, fn)) as FlareWorker['handle'] };
    const { zod, valibot, arktype } = definitions;
    // @ts-expect-error: the result must be { messageId: string }
    w.handle(zod, () => ({ messageId: 1 }));
    // @ts-expect-error: a missing result field, asynchronously
    w.handle(valibot, async () => ({ id: 'm' }));
    // @ts-expect-error: the result must be an object
    w.handle(arktype, async () => 'm');
    w.handle(zod, (payload) => {
      // @ts-expect-error: not a field of the payload
      payload.phone;
      return { messageId: payload.email };
    });
    w.handle(valibot, (payload) => {
      // @ts-expect-error: `name` is a string
      const n: number = payload.name;
      return { messageId: `${n}` };
    });
    w.handle(arktype, (payload) => {
      // @ts-expect-error: `tags` may be missing
      payload.tags.length;
      return { messageId: payload.email };
    });
    // @ts-expect-error: a definition's handler takes the payload, not the job
    w.handle(zod, (job: ClaimedJob) => ({ messageId: job.id }));
    // @ts-expect-error: a definition, not a job type
    expect(() => w.handle('SendWelcomeEmail', () => 1)).toThrow(/definition from defineJob/);
  });
});

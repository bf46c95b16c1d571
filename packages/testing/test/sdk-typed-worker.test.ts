// A job type defined once and used on both sides, from the built @flare/node against the fake
// over HTTP (every exchange checked against spec/openapi.yaml): the producer is checked by the
// definition, and the worker validates each claimed payload again. A job created without the
// definition (plain createJob) and with a bad payload is failed for good as ValidationError.
import { defineJob, type StandardSchemaV1 } from '@flare/node';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { fakeOverHttp, until } from './helpers/worker-harness.js';

type WelcomeIn = { email: string; name?: string };
type WelcomeOut = { email: string; name: string };

// A Standard Schema written by hand (no library in this package): `name` defaults to "friend",
// so what the handler gets differs from what was sent.
const welcomeSchema: StandardSchemaV1<WelcomeIn, WelcomeOut> = {
  '~standard': {
    version: 1,
    vendor: 'handmade',
    validate: (value) => {
      const { email, name = 'friend' } = (value ?? {}) as { email?: unknown; name?: unknown };
      if (typeof email !== 'string' || !email.includes('@')) {
        return { issues: [{ message: 'must be an email address', path: ['email'] }] };
      }
      if (typeof name !== 'string') return { issues: [{ message: 'a string', path: ['name'] }] };
      return { value: { email, name } };
    },
  },
};

const sendWelcome = defineJob({ type: 'SendWelcomeEmail', payload: welcomeSchema });

describe('a typed FlareWorker against the fake over HTTP', { timeout: 60_000 }, () => {
  it('runs a good job with the parsed payload and fails a bad one for good as ValidationError', async () => {
    const { fake, client, worker } = await fakeOverHttp();
    const flare = client();
    const good = await flare.createJob({ job: sendWelcome, payload: { email: 'ann@example.com' } });
    // Created without the definition, so nothing checked it on the way in.
    const bad = await flare.createJob({
      job_type: 'SendWelcomeEmail',
      payload: { email: 'not-an-address', name: 'Bo' },
    });
    const seen: WelcomeOut[] = [];
    const w = worker({}).handle(sendWelcome, async (payload, ctx) => {
      expectTypeOf(payload).toEqualTypeOf<WelcomeOut>();
      seen.push(payload);
      ctx.progress(100, 'sent');
      return { greeted: `${payload.name} <${payload.email}>` };
    });
    const run = w.run();
    const done = (id: string) => ['succeeded', 'failed'].includes(fake.getJob(id)?.state ?? '');
    await until(() => done(good.id) && done(bad.id));
    await w.close();
    await run;

    expect(seen).toEqual([{ email: 'ann@example.com', name: 'friend' }]);
    expect(await flare.getJob(good.id)).toMatchObject({
      state: 'succeeded',
      payload: { email: 'ann@example.com' },
      result: { greeted: 'friend <ann@example.com>' },
    });
    // One attempt of three: not retried.
    expect(await flare.getJob(bad.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      max_attempts: 3,
      result: null,
      last_error: {
        type: 'ValidationError',
        message: 'SendWelcomeEmail payload is invalid: payload.email: must be an email address',
      },
    });
    const fails = fake.requests.filter((r) => r.path.endsWith('/fail'));
    expect(fails.map((r) => [r.path, (r.body as { retryable: boolean }).retryable])).toEqual([
      [`/v1/jobs/${bad.id}/fail`, false],
    ]);
  });
});

// Job definitions on the schedule calls: `updateSchedule({ job, payload })` is typed and checked
// like `createSchedule`, and in a mixed `syncSchedules` list each definition is typed against
// its own job (a payload meant for another job does not compile).
import { HttpResponse, http } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineJob, type Schedule, syncSchedules, ValidationError } from '../src/index.js';
import { definitions, type Welcome } from './__fixtures__/welcome-definitions.js';
import { BASE, rejection } from './helpers.js';
import { client, record, type Seen } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();
const ID = 'sch_01JDQ3Z8K4M6W2T9R5X7Y1B3C5';
const digest = defineJob({ type: 'Digest', payload: z.object({ list: z.enum(['all', 'vip']) }) });

describe.each(Object.entries(definitions))('updateSchedule with a %s definition', (_, def) => {
  it('sends job_type and the payload as given; refuses a bad payload before sending', async () => {
    const seen: Seen[] = [];
    server.use(
      http.post(`${BASE}/v1/schedules/:id`, async (i) => {
        await record(seen)(i);
        return HttpResponse.json({ id: ID, object: 'schedule', job_type: 'SendWelcomeEmail' });
      }),
    );
    const flare = client();
    const payload = { email: 'ops@example.com', name: 'Ops' };
    await flare.updateSchedule(ID, { job: def, payload, cron: '0 8 * * *' });
    expect(seen[0]?.body).toEqual({ job_type: 'SendWelcomeEmail', payload, cron: '0 8 * * *' });
    expect(seen[0]?.headers.get('idempotency-key')).toMatch(/^flare-/);
    const bad = { email: 'nope', name: 'Ops' };
    const err = await rejection(flare.updateSchedule(ID, { job: def, payload: bad }));
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ param: 'payload.email' });
    // A definition without a payload: the stored one may not fit the new job.
    // biome-ignore lint/suspicious/noExplicitAny: what an untyped caller can pass
    const loose = flare.updateSchedule as (id: string, params: any) => Promise<unknown>;
    expect(await rejection(loose(ID, { job: def }))).toMatchObject({ param: 'payload' });
    expect(await rejection(loose(ID, { job: def, job_type: 'X', payload }))).toMatchObject({
      param: 'job_type',
    });
    expect(seen).toHaveLength(1);
  });
});

describe('schedule calls with definitions: types', () => {
  it('types updateSchedule by its definition; plain updates keep working', () => {
    const flare = client();
    const update = () =>
      flare.updateSchedule(ID, { job: definitions.zod, payload: { email: 'a', name: 'b' } });
    expectTypeOf<Awaited<ReturnType<typeof update>>>().toEqualTypeOf<Schedule<Welcome>>();
    if (Math.random() > 2) {
      // @ts-expect-error: `name` is missing
      flare.updateSchedule(ID, { job: definitions.valibot, payload: { email: 'a' } });
      // @ts-expect-error: with a definition, the payload is required
      flare.updateSchedule(ID, { job: definitions.arktype, cron: '0 8 * * *' });
      // @ts-expect-error: a definition replaces job_type, not both
      flare.updateSchedule(ID, { job: digest, job_type: 'Digest', payload: { list: 'all' } });
      flare.updateSchedule(ID, { cron: '0 8 * * *', payload: { anything: 1 } });
      flare.updateSchedule<{ list: string }>(ID, { job_type: 'Digest', payload: { list: 'x' } });
    }
  });

  it('types each syncSchedules definition against its own job in a mixed list', () => {
    const flare = client();
    const cron = '0 9 * * *';
    if (Math.random() > 2) {
      void syncSchedules(flare, [
        { key: 'w', cron, job: definitions.zod, payload: { email: 'a', name: 'b' } },
        { key: 'd', cron, job: digest, payload: { list: 'vip' } },
        { key: 'p', cron, job_type: 'Plain', payload: { anything: 1 } },
      ]);
      void syncSchedules(flare, [
        { key: 'w', cron, job: definitions.zod, payload: { email: 'a', name: 'b' } },
        // @ts-expect-error: the welcome payload given to the digest job
        { key: 'd', cron, job: digest, payload: { email: 'a', name: 'b' } },
      ]);
      void syncSchedules(flare, [
        // @ts-expect-error: 'weekly' is not a digest list, even next to other jobs
        { key: 'd', cron, job: digest, payload: { list: 'weekly' } },
        { key: 'v', cron, job: definitions.valibot, payload: { email: 'a', name: 'b' } },
      ]);
      // Declared apart from the call, the list is still checked element by element.
      const declared = [
        { key: 'd', cron, job: digest, payload: { list: 'all' as const } },
        { key: 'a', cron, job: definitions.arktype, payload: { email: 'a', name: 7 } },
      ];
      // @ts-expect-error: the arktype welcome's name must be a string
      void syncSchedules(flare, declared);
      // @ts-expect-error: every definition needs a key
      void syncSchedules(flare, [{ cron, job: digest, payload: { list: 'all' } }]);
    }
    expectTypeOf(syncSchedules).returns.resolves.toHaveProperty('created');
  });
});

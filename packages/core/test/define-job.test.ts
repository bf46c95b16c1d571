// Typed job definitions with each Standard Schema library users reach for: the payload is checked
// before anything is sent (`param` = the payload path), the wire body is the payload as given,
// and the types follow the schema (a wrong payload does not compile).

import type { StandardSchemaV1 as Official } from '@standard-schema/spec';
import { HttpResponse, http } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  defineJob,
  type JobDefinition,
  type JobValidation,
  type StandardSchemaV1,
  ValidationError,
} from '../src/index.js';
import { definitions, type Welcome } from './__fixtures__/welcome-definitions.js';
import { BASE, job, rejection } from './helpers.js';
import { client, record, type Seen } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

describe.each(Object.entries(definitions))('defineJob with %s', (_, def) => {
  it('sends a valid payload as given, under the definition’s job_type', async () => {
    const seen: Seen[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, async (i) => {
        await record(seen)(i);
        return HttpResponse.json(job({ payload: { email: 'ann@example.com', name: 'Ann' } }), {
          status: 201,
        });
      }),
    );
    const created = await client().createJob({
      job: def,
      payload: { email: 'ann@example.com', name: 'Ann' },
      tags: ['signup'],
    });
    expect(created.payload.email).toBe('ann@example.com');
    expect(seen[0]?.body).toEqual({
      job_type: 'SendWelcomeEmail',
      payload: { email: 'ann@example.com', name: 'Ann' },
      tags: ['signup'],
    });
  });

  it('refuses an invalid payload before sending: ValidationError, param payload.<path>', async () => {
    const seen: Seen[] = [];
    server.use(http.post(`${BASE}/v1/jobs`, record(seen)));
    const bad = { email: 'not-an-email', name: 'Ann' };
    const err = await rejection(client().createJob({ job: def, payload: bad }));
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ param: 'payload.email', code: 'parameter_invalid' });
    expect(err.message).toMatch(/^SendWelcomeEmail payload is invalid: payload\.email: /);
    const nested = await rejection(
      client().createJob({
        job: def,
        // A wrong item type, as an untyped caller could send it.
        payload: { email: 'ann@example.com', name: 'A', tags: [1] as unknown as string[] },
      }),
    );
    expect(nested).toMatchObject({ param: 'payload.tags.0' });
    expect(seen).toEqual([]);
  });

  it('validates for a worker: the parsed payload, or the error without throwing', async () => {
    expect(await def.validate({ email: 'ann@example.com', name: 'Ann' })).toEqual({
      ok: true,
      value: { email: 'ann@example.com', name: 'Ann' },
    });
    const failed = await def.validate({ name: 1 });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error).toMatchObject({ name: 'ValidationError' });
  });

  it('does not compile with a wrong payload', () => {
    if (Math.random() > 2) {
      // @ts-expect-error: `name` is missing
      client().createJob({ job: def, payload: { email: 'ann@example.com' } });
      // @ts-expect-error: `email` must be a string
      client().createJob({ job: def, payload: { email: 1, name: 'b' } });
      // @ts-expect-error: a definition replaces job_type, not both
      client().createJob({ job: def, job_type: 'Other', payload: { email: 'a', name: 'b' } });
    }
  });
});

describe('typed definitions: inferred types', () => {
  it('types the definition, the created job and what a handler receives, per library', () => {
    const { zod, valibot, arktype } = definitions;
    expectTypeOf(zod).toExtend<JobDefinition<Welcome, { messageId: string }>>();
    expectTypeOf(valibot).toExtend<JobDefinition<Welcome, { messageId: string }>>();
    expectTypeOf(arktype).toExtend<
      JobDefinition<{ email: string; name: string; tags?: string[] }, { messageId: string }>
    >();
    type Handled<D> = D extends JobDefinition<infer P, infer R, infer _I> ? [P, R] : never;
    expectTypeOf<Handled<typeof zod>>().toEqualTypeOf<[Welcome, { messageId: string }]>();
    const create = () => client().createJob({ job: zod, payload: { email: 'a', name: 'b' } });
    type Created = Awaited<ReturnType<typeof create>>;
    expectTypeOf<Created['result']>().toEqualTypeOf<{ messageId: string } | null>();
    expectTypeOf<Created['payload']['email']>().toEqualTypeOf<string>();
    expectTypeOf<Awaited<ReturnType<typeof zod.validate>>>().toEqualTypeOf<
      JobValidation<Welcome>
    >();
  });
});

describe('defineJob', () => {
  it('keeps plain createJob untouched and types an input/output split', async () => {
    const withDefault = defineJob({
      type: 'Resize',
      payload: z.object({ url: z.url(), width: z.number().default(800) }),
    });
    expectTypeOf(withDefault).toExtend<
      JobDefinition<
        { url: string; width: number },
        unknown,
        { url: string; width?: number | undefined }
      >
    >();
    // The producer may leave out what the schema defaults; the worker receives it filled in.
    expect(await withDefault.validate({ url: 'https://x.y/a.png' })).toEqual({
      ok: true,
      value: { url: 'https://x.y/a.png', width: 800 },
    });
  });

  it('refuses a definition without a type or a Standard Schema', () => {
    // biome-ignore lint/suspicious/noExplicitAny: what an untyped caller can pass
    const loose = defineJob as (input: any) => unknown;
    expect(() => loose({ payload: z.object({}) })).toThrow(/type must be a job type/);
    expect(() => loose({ type: 'T', payload: { parse() {} } })).toThrow(/Standard Schema/);
  });

  it('refuses a job that is not a definition, and job with job_type', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: what an untyped caller can pass
    const loose = client().createJob as (params: any) => Promise<unknown>;
    expect(await rejection(loose({ job: 'SendWelcomeEmail', payload: {} }))).toMatchObject({
      param: 'job',
    });
    const def = definitions.zod;
    expect(
      await rejection(
        loose({ job: def, job_type: 'X', payload: { email: 'ann@example.com', name: 'A' } }),
      ),
    ).toMatchObject({ param: 'job_type' });
  });

  it('vendors Standard Schema types that match the official ones', () => {
    expectTypeOf<Official<{ a: string }>>().toExtend<StandardSchemaV1<{ a: string }>>();
    expectTypeOf<StandardSchemaV1<{ a: string }>>().toExtend<Official<{ a: string }>>();
  });
});

// Call parameters: the server validates them and the SDK reports its answer; the few checks the
// server cannot make (ids that would hit another endpoint, non-JSON payloads) happen before sending.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { apiError, BASE, job, rejection } from './helpers.js';
import { client, record, type Seen } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

describe('parameters: the server validates them, the SDK reports its answer', () => {
  /** Answers every POST /v1/jobs with a 400 naming `param`, recording what was sent. */
  function rejectParam(param: string, code = 'parameter_invalid', message = `${param} is invalid`) {
    const seen: Seen[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, async (i) => {
        await record(seen)(i);
        return HttpResponse.json(
          { error: { type: 'invalid_request_error', code, param, message } },
          { status: 400, headers: { 'x-request-id': 'req_400' } },
        );
      }),
    );
    return seen;
  }

  it.each([
    [{ job_type: '' }, 'job_type'],
    [{ job_type: 'has space' }, 'job_type'],
    [{ job_type: 'A', payload: [1] }, 'payload'],
    [{ job_type: 'A', max_attempts: 26 }, 'max_attempts'],
    [{ job_type: 'A', tags: Array(11).fill('t') }, 'tags'],
    [{ job_type: 'A', tags: ['x'.repeat(65)] }, 'tags.0'],
    [{ job_type: 'A', run_at: 'tomorrow' }, 'run_at'],
  ])(
    'createJob(%o) is sent as is; the 400 naming %s is a ValidationError',
    async (params, param) => {
      const seen = rejectParam(param);
      const err = await rejection(client().createJob(params as never));
      expect(seen.map((r) => r.body)).toEqual([params]);
      expect(ValidationError.isInstance(err)).toBe(true);
      expect(err).toMatchObject({
        status: 400,
        type: 'invalid_request_error',
        code: 'parameter_invalid',
        param,
        requestId: 'req_400',
        attempts: 1,
      });
      expect(err.message).toBe(`400 parameter_invalid: ${param} is invalid (request req_400)`);
    },
  );

  it("shows the server's unknown_parameter message, hint included, as it is", async () => {
    // The camelCase hint is the server's (spec): the SDK adds nothing and drops nothing.
    const said = 'unknown parameter; allowed: job_type, max_attempts; did you mean "max_attempts"?';
    rejectParam('maxAttempts', 'unknown_parameter', said);
    const err = await rejection(client().createJob({ job_type: 'A', maxAttempts: 3 } as never));
    expect(err).toMatchObject({
      name: 'ValidationError',
      code: 'unknown_parameter',
      param: 'maxAttempts',
    });
    expect(err.message).toBe(`400 unknown_parameter: ${said} (request req_400)`);
  });

  it('listJobs sends its filters as they are and reports the 400', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${BASE}/v1/jobs`, ({ request }) => {
        urls.push(new URL(request.url));
        return apiError(400, 'invalid_request_error', 'parameter_invalid');
      }),
    );
    const err = await rejection(client().listJobs({ limit: 101, state: 'done' as never }));
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(Object.fromEntries(urls[0]!.searchParams)).toEqual({ limit: '101', state: 'done' });
  });
});

describe('checks before sending: what the server cannot see', () => {
  const sent: Request[] = [];
  const anyRequest = () =>
    server.use(
      http.all(`${BASE}/*`, ({ request }) => {
        sent.push(request);
        return HttpResponse.json(job());
      }),
    );

  it.each([
    ['getJob', ''],
    ['getJob', '   '],
    ['cancelJob', undefined],
    ['retryJob', 42],
    // Dot-segments: URL parsers resolve them, so /v1/jobs/. is /v1/jobs/ and /v1/jobs/../cancel
    // is /v1/cancel.
    ['getJob', '.'],
    ['getJob', '..'],
    ['cancelJob', '..'],
    ['retryJob', '.'],
  ] as const)(
    '%s(%j) is a ValidationError on id: it would hit another endpoint',
    async (method, id) => {
      anyRequest();
      const err = await rejection(client()[method](id as never));
      expect(ValidationError.isInstance(err)).toBe(true);
      expect(err).toMatchObject({
        param: 'id',
        type: 'invalid_request_error',
        code: 'parameter_invalid',
      });
      expect(err.status).toBeUndefined();
      expect(err.message).toMatch(/id must be a job id/);
      expect(sent).toEqual([]);
    },
  );

  it.each([null, [], 'job', 42])(
    'createJob and listJobs refuse %j: they need a params object',
    async (params) => {
      anyRequest();
      for (const call of [
        client().createJob(params as never),
        client().listJobs(params as never),
      ]) {
        const err = await rejection(call);
        expect(ValidationError.isInstance(err)).toBe(true);
        expect(err.param).toBeUndefined();
        expect(err.message).toMatch(/params must be an object/);
      }
      expect(sent).toEqual([]);
    },
  );

  it.each([
    [
      'a circular payload',
      (() => {
        const payload: Record<string, unknown> = {};
        payload.self = payload;
        return payload;
      })(),
    ],
    ['a BigInt', { amount: 10n }],
  ])('refuses %s: ValidationError on payload, nothing sent', async (_, payload) => {
    anyRequest();
    const err = await rejection(client().createJob({ job_type: 'A', payload }));
    expect(err).toMatchObject({ name: 'ValidationError', param: 'payload' });
    expect(err.message).toMatch(/payload must be plain JSON \(TypeError: /);
    expect(err.cause).toBeInstanceOf(TypeError);
    expect(sent).toEqual([]);
  });

  it('refuses an Invalid Date run_at (JSON would send null: run now), nothing sent', async () => {
    anyRequest();
    const err = await rejection(
      client().createJob({ job_type: 'A', run_at: new Date(Number.NaN) }),
    );
    expect(err).toMatchObject({ name: 'ValidationError', param: 'run_at' });
    expect(err.message).toBe('run_at is an Invalid Date');
    expect(sent).toEqual([]);
  });
});

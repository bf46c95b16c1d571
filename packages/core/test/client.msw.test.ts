import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  AuthError,
  ConflictError,
  FlareClient,
  FlareError,
  ValidationError,
} from '../src/index.js';
import { apiError, BASE, job, KEY, rejection } from './helpers.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

const client = (opts: Record<string, unknown> = {}) =>
  new FlareClient({ apiKey: KEY, baseUrl: BASE, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...opts });

type Seen = { headers: Headers; body: unknown; url: URL; method: string };
function record(seen: Seen[]) {
  return async ({ request }: { request: Request }) => {
    const text = await request.text();
    seen.push({
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
      url: new URL(request.url),
      method: request.method,
    });
  };
}

describe('construction', () => {
  it('reads FLARE_API_KEY from the environment', async () => {
    vi.stubEnv('FLARE_API_KEY', 'zf_test_sk_from_env');
    const seen: Seen[] = [];
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, async (i) => {
        await record(seen)(i);
        return HttpResponse.json(job());
      }),
    );
    await new FlareClient({ baseUrl: BASE }).getJob('job_1');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer zf_test_sk_from_env');
    vi.unstubAllEnvs();
  });

  it('treats an empty apiKey (an env var set but empty) as missing, and says how to pass one', () => {
    expect(() => new FlareClient({ apiKey: '' })).toThrow(/No API key: set FLARE_API_KEY/);
  });

  it('fails at construction, saying how, when no key is given', () => {
    vi.stubEnv('FLARE_API_KEY', '');
    expect(() => new FlareClient()).toThrow(FlareError);
    expect(() => new FlareClient()).toThrow(/FLARE_API_KEY/);
    expect(() => new FlareClient()).toThrow(/env\.FLARE_API_KEY/);
    vi.unstubAllEnvs();
  });

  it.each([
    [{ maxRetries: -1 }, /maxRetries/],
    [{ maxRetries: 1.5 }, /maxRetries/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ maxResponseBytes: '10' }, /maxResponseBytes/],
    [{ baseUrl: 'api.zeridion.com' }, /baseUrl/],
    [{ baseUrl: 'ftp://x' }, /baseUrl/],
    [{ apiKey: 'zf_test_sk_a b' }, /printable ASCII without spaces/],
    // A pasted smart quote: no HTTP header can carry it, so every call would fail as a network error.
    [{ apiKey: 'zf_test_sk_abc\u201d' }, /printable ASCII without spaces/],
    [{ apiKey: 'zf_test_sk_é' }, /printable ASCII without spaces/],
    [{ maxRetries: Number.NaN }, /maxRetries/],
    [{ timeoutMs: Number.NaN }, /timeoutMs/],
  ])('rejects bad option %o', (opts, message) => {
    expect(() => new FlareClient({ apiKey: KEY, ...(opts as object) })).toThrow(message);
  });

  it('never exposes the API key', async () => {
    const flare = client({ maxRetries: 0 });
    expect(JSON.stringify(flare)).not.toContain(KEY);
    expect(inspect(flare, { showHidden: true, depth: 5 })).not.toContain(KEY);
    expect(String(flare)).not.toContain(KEY);
    server.use(
      http.post(`${BASE}/v1/jobs`, () => apiError(401, 'authentication_error', 'invalid_api_key')),
    );
    const err = await rejection(flare.createJob({ job_type: 'A' }));
    expect(AuthError.isInstance(err)).toBe(true);
    for (const text of [
      err.message,
      err.stack,
      JSON.stringify(err),
      inspect(err, { depth: 5 }),
      String(err),
    ]) {
      expect(text).not.toContain(KEY);
    }
    const bad = (() => {
      try {
        new FlareClient({ apiKey: `${KEY}\n` });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(bad?.message).not.toContain(KEY);
  });
});

describe('requests', () => {
  it('createJob sends the wire body and the contract headers', async () => {
    const seen: Seen[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, async (i) => {
        await record(seen)(i);
        return HttpResponse.json(job({ payload: { email: 'a@b.c' } }), {
          status: 201,
          headers: { 'x-request-id': 'req_123' },
        });
      }),
    );
    const runAt = new Date(Date.UTC(2030, 0, 1));
    const created = await client().createJob({
      job_type: 'SendWelcomeEmail',
      payload: { email: 'a@b.c' },
      queue: 'emails',
      max_attempts: 5,
      run_at: runAt,
      tags: ['signup'],
    });
    expect(created.payload).toEqual({ email: 'a@b.c' });
    const req = seen[0]!;
    expect(req.body).toEqual({
      job_type: 'SendWelcomeEmail',
      payload: { email: 'a@b.c' },
      queue: 'emails',
      max_attempts: 5,
      run_at: '2030-01-01T00:00:00.000Z',
      tags: ['signup'],
    });
    expect(req.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(req.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(req.headers.get('idempotency-key')).toMatch(/^flare-[0-9a-f-]{36}$/);
    expect(req.headers.get('x-flare-retry-count')).toBe('0');
    expect(req.headers.get('x-flare-client')).toMatch(/^flare-typescript\/\S+ node\/\d+/);
    expect(req.headers.get('user-agent')).toMatch(/^flare-typescript\//);
  });

  it('sends the caller’s idempotency key and request id, and exposes the response request id', async () => {
    const seen: Seen[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, async (i) => {
        await record(seen)(i);
        return HttpResponse.json(job(), {
          status: 201,
          headers: {
            'x-request-id': i.request.headers.get('x-request-id') ?? '',
            'idempotent-replayed': 'true',
          },
        });
      }),
    );
    const res = await client()
      .createJob({ job_type: 'A' }, { idempotencyKey: 'order-42', requestId: 'trace-1' })
      .withResponse();
    expect(seen[0]?.headers.get('idempotency-key')).toBe('order-42');
    expect(res).toMatchObject({
      requestId: 'trace-1',
      status: 201,
      attempts: 1,
      idempotencyKey: 'order-42',
      replayed: true,
    });
    expect(res.data.object).toBe('job');
  });

  it('getJob URL-encodes the id and resolves null on 404', async () => {
    const seen: Seen[] = [];
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, async (i) => {
        await record(seen)(i);
        return apiError(404, 'not_found', 'resource_missing');
      }),
    );
    await expect(client().getJob('job/../x?y')).resolves.toBeNull();
    expect(seen[0]?.url.pathname).toBe('/v1/jobs/job%2F..%2Fx%3Fy');
    const { data, requestId, status } = await client().getJob('job_1').withResponse();
    expect({ data, requestId, status }).toEqual({
      data: null,
      requestId: 'req_from_header',
      status: 404,
    });
  });

  it('cancelJob and retryJob post to their paths; 409 becomes ConflictError with code', async () => {
    server.use(
      http.post(`${BASE}/v1/jobs/:id/cancel`, ({ params }) =>
        HttpResponse.json(job({ id: params.id, state: 'cancelled' })),
      ),
      http.post(`${BASE}/v1/jobs/:id/retry`, () => apiError(409, 'conflict', 'invalid_state')),
    );
    await expect(client().cancelJob('job_9')).resolves.toMatchObject({
      id: 'job_9',
      state: 'cancelled',
    });
    const err = await rejection(client().retryJob('job_9'));
    expect(ConflictError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({
      code: 'invalid_state',
      status: 409,
      requestId: 'req_from_header',
      attempts: 1,
    });
    expect(err.idempotencyKey).toMatch(/^flare-/);
  });

  it('a 2xx body that is not JSON is a FlareError carrying the request id', async () => {
    server.use(
      http.get(
        `${BASE}/v1/jobs/:id`,
        () =>
          new HttpResponse('<html>oops</html>', {
            status: 200,
            headers: { 'x-request-id': 'req_html' },
          }),
      ),
    );
    const err = await rejection(client().getJob('job_1'));
    expect(FlareError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ requestId: 'req_html', status: 200 });
    expect(err.message).toMatch(/not valid JSON/);
  });
});

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

  it('hints at the snake_case spelling when the server rejects a camelCase parameter', async () => {
    rejectParam('maxAttempts', 'unknown_parameter', 'unknown parameter maxAttempts');
    const err = await rejection(client().createJob({ job_type: 'A', maxAttempts: 3 } as never));
    expect(err).toMatchObject({
      name: 'ValidationError',
      code: 'unknown_parameter',
      param: 'maxAttempts',
    });
    expect(err.message).toBe(
      '400 unknown_parameter: unknown parameter maxAttempts (request req_400) — parameters use ' +
        'the wire\'s snake_case: did you mean "max_attempts"?',
    );
    rejectParam('jobType', 'unknown_parameter');
    const job = await rejection(client().createJob({ jobType: 'A' } as never));
    expect(job.message).toMatch(/did you mean "job_type"\?$/);
  });

  it('gives no hint for other errors or parameters without capitals', async () => {
    rejectParam('why', 'unknown_parameter');
    expect((await rejection(client().createJob({ job_type: 'A' }))).message).not.toMatch(/snake/);
    rejectParam('jobType', 'parameter_invalid');
    expect((await rejection(client().createJob({ job_type: 'A' }))).message).not.toMatch(/snake/);
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

describe('caller-supplied header values', () => {
  it.each([
    [{ idempotencyKey: 'bad\r\nX-Evil: 1' }, 'idempotencyKey'],
    [{ idempotencyKey: '' }, 'idempotencyKey'],
    [{ idempotencyKey: 'k'.repeat(256) }, 'idempotencyKey'],
    [{ idempotencyKey: 'clé' }, 'idempotencyKey'],
    [{ requestId: 'trace\n1' }, 'requestId'],
  ])('%o is a ValidationError before anything is sent, never retried', async (options, param) => {
    const seen: Request[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, ({ request }) => {
        seen.push(request);
        return HttpResponse.json(job(), { status: 201 });
      }),
    );
    const err = await rejection(client().createJob({ job_type: 'A' }, options));
    expect(err).toMatchObject({ name: 'ValidationError', param });
    expect(seen).toHaveLength(0);
  });
});

describe('per-call options', () => {
  it.each([
    // NaN (say, Number(process.env.UNSET)) would retry forever or never time out.
    [{ maxRetries: Number.NaN }, 'maxRetries', /maxRetries must be a whole number >= 0/],
    [{ maxRetries: -1 }, 'maxRetries', /maxRetries/],
    [{ maxRetries: 1.5 }, 'maxRetries', /maxRetries/],
    [{ timeoutMs: Number.NaN }, 'timeoutMs', /timeoutMs must be a number > 0/],
    [{ timeoutMs: 0 }, 'timeoutMs', /timeoutMs/],
    [{ timeoutMs: '100' }, 'timeoutMs', /timeoutMs/],
    [{ signal: {} }, 'signal', /signal must be an AbortSignal/],
  ])('%o is a ValidationError before anything is sent', async (options, param, message) => {
    let sent = 0;
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        sent++;
        return HttpResponse.json({ error: { type: 'api_error' } }, { status: 503 });
      }),
    );
    const err = await rejection(client().getJob('job_1', options as never));
    expect(err).toMatchObject({ name: 'ValidationError', param });
    expect(err.message).toMatch(message);
    expect(sent).toBe(0);
  });

  it('accepts Infinity as no timeout, and null as no signal', async () => {
    server.use(http.get(`${BASE}/v1/jobs/:id`, () => HttpResponse.json(job())));
    const options = { timeoutMs: Number.POSITIVE_INFINITY, signal: null } as never;
    await expect(client().getJob('job_1', options)).resolves.toMatchObject({ object: 'job' });
  });
});

describe('the caller’s X-Request-Id', () => {
  it('is the error’s requestId when the response names none', async () => {
    server.use(
      http.post(`${BASE}/v1/jobs`, () => new HttpResponse('bad gateway', { status: 502 })),
    );
    const err = await rejection(
      client({ maxRetries: 0 }).createJob({ job_type: 'A' }, { requestId: 'trace-123' }),
    );
    expect(err).toMatchObject({ name: 'ServerError', requestId: 'trace-123' });
    expect(err.message).toContain('(request trace-123)');
  });

  it('is the requestId of a failure that got no response', async () => {
    server.use(http.post(`${BASE}/v1/jobs`, () => HttpResponse.error()));
    const err = await rejection(
      client({ maxRetries: 0 }).createJob({ job_type: 'A' }, { requestId: 'trace-123' }),
    );
    expect(err).toMatchObject({ name: 'ConnectionError', requestId: 'trace-123' });
  });

  it('gives way to the response’s X-Request-Id, then to the error body’s request_id', async () => {
    server.use(
      http.post(`${BASE}/v1/jobs`, () =>
        HttpResponse.json(
          { error: { type: 'api_error', request_id: 'req_body' } },
          { status: 500, headers: { 'x-request-id': 'req_header' } },
        ),
      ),
      http.get(`${BASE}/v1/jobs/:id`, () =>
        HttpResponse.json(
          { error: { type: 'api_error', request_id: 'req_body' } },
          { status: 500 },
        ),
      ),
    );
    const options = { requestId: 'trace-123' };
    const flare = client({ maxRetries: 0 });
    expect(await rejection(flare.createJob({ job_type: 'A' }, options))).toMatchObject({
      requestId: 'req_header',
    });
    expect(await rejection(flare.getJob('job_1', options))).toMatchObject({
      requestId: 'req_body',
    });
  });

  it('is the requestId of a success whose response does not echo it', async () => {
    server.use(http.get(`${BASE}/v1/jobs/:id`, () => HttpResponse.json(job())));
    const { requestId } = await client().getJob('job_1', { requestId: 'trace-123' }).withResponse();
    expect(requestId).toBe('trace-123');
  });
});

describe('redirects', () => {
  it('are not followed: a 301 on createJob is a FlareError, and no GET replaces the POST', async () => {
    const seen: string[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, ({ request }) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return new HttpResponse(null, { status: 301, headers: { location: `${BASE}/v2/jobs` } });
      }),
      http.get(`${BASE}/v2/jobs`, ({ request }) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return HttpResponse.json({ jobs: [], has_more: false, next_cursor: null });
      }),
    );
    const err = await rejection(client().createJob({ job_type: 'A' }));
    expect(err).toMatchObject({ name: 'FlareError', status: 301, attempts: 1 });
    expect(err.isRetryable).toBe(false);
    expect(err.message).toBe(
      `301: redirect to ${BASE}/v2/jobs not followed: set baseUrl to the API's own URL`,
    );
    expect(seen).toEqual(['POST /v1/jobs']);
  });
});

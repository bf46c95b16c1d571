// Per-call options (idempotencyKey, requestId, maxRetries, timeoutMs, signal): bad values are a
// ValidationError before anything is sent.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BASE, job, rejection } from './helpers.js';
import { client } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

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

describe('unknown call options', () => {
  it.each([
    ['idempotencykey', { job_type: 'A' }],
    ['timeout', { job_type: 'A' }],
    ['maxRetry', { job_type: 'A' }],
    ['defaultHeaders', { job_type: 'A' }],
  ])(
    'a plain-JavaScript %s is a ValidationError naming it and the known ones, nothing sent',
    async (name, params) => {
      const seen: Request[] = [];
      server.use(
        http.post(`${BASE}/v1/jobs`, ({ request }) => {
          seen.push(request);
          return HttpResponse.json(job(), { status: 201 });
        }),
      );
      const err = await rejection(client().createJob(params, { [name]: 'x' } as never));
      expect(err).toMatchObject({ name: 'ValidationError', param: name });
      expect(err.message).toBe(
        `Unknown option "${name}": use idempotencyKey, requestId, signal, timeoutMs, maxRetries, headers`,
      );
      expect(seen).toHaveLength(0);
    },
  );

  it('refuses them on reads and lists too (a misspelt signal would never abort)', async () => {
    const flare = client();
    await expect(flare.getJob('job_1', { sginal: null } as never)).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'sginal',
    });
    await expect(flare.listJobs({}, { timout: 5 } as never)).rejects.toMatchObject({
      param: 'timout',
    });
  });

  it('takes every known one, undefined values included', async () => {
    server.use(http.post(`${BASE}/v1/jobs`, () => HttpResponse.json(job(), { status: 201 })));
    const options = {
      idempotencyKey: 'k-1',
      requestId: 'r-1',
      signal: new AbortController().signal,
      timeoutMs: 1_000,
      maxRetries: 0,
      headers: { 'x-gateway': 'g' },
    };
    await expect(client().createJob({ job_type: 'A' }, options)).resolves.toMatchObject({
      object: 'job',
    });
    await expect(
      client().createJob({ job_type: 'A' }, { idempotencyKey: undefined, signal: undefined }),
    ).resolves.toMatchObject({ object: 'job' });
  });
});

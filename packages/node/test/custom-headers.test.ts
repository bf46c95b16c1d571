// defaultHeaders and per-call headers, for a proxy or gateway in front of Flare: sent on every
// try over both transports, the call's winning; the SDK's own headers and CR/LF refused, typed.
import { FlareClient, ValidationError } from '@flare/node';
import { json, startServer } from '@flare/test-support/local-server';
import { job, rejection } from '@flare/test-support/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const KEY = 'zf_test_sk_headers';
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const transports = [
  ['node:http', {}],
  ['fetch', { fetch: (...args: Parameters<typeof fetch>) => fetch(...args) }],
] as const;

const client = (opts: Record<string, unknown> = {}) =>
  new FlareClient({
    apiKey: KEY,
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    ...opts,
  });

describe('defaultHeaders and per-call headers', () => {
  it.each(transports)(
    'are sent on every try (%s), the call’s winning over the client’s',
    async (_n, t) => {
      let calls = 0;
      server.handle((_req, res) => (++calls === 1 ? json(res, 503, {}) : json(res, 201, job())));
      const flare = client({
        ...t,
        defaultHeaders: { 'X-Gateway-Key': 'gw_1', 'x-tenant': 'acme' },
      });
      await flare.createJob(
        { job_type: 'A' },
        { headers: { 'X-Tenant': 'globex', 'x-trace': 't 1' } },
      );
      expect(server.requests).toHaveLength(2);
      for (const { headers } of server.requests) {
        expect(headers).toMatchObject({
          'x-gateway-key': 'gw_1',
          'x-tenant': 'globex',
          'x-trace': 't 1',
          authorization: `Bearer ${KEY}`,
        });
      }
      await flare.getJob('job_1');
      expect(server.requests[2]!.headers).toMatchObject({ 'x-tenant': 'acme' });
      expect(server.requests[2]!.headers['x-trace']).toBeUndefined();
    },
  );

  const owned = [
    'Authorization',
    'idempotency-key',
    'X-Request-Id',
    'content-type',
    'Content-Length',
    'host',
    'user-agent',
    'x-flare-client',
    'X-Flare-Retry-Count',
  ];

  it.each(owned)('refuses %s in defaultHeaders, naming it', (name) => {
    const run = () => client({ defaultHeaders: { [name]: 'x' } });
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(`defaultHeaders.${name}: the SDK sets this header`);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ param: `defaultHeaders.${name}`, code: 'parameter_invalid' });
    }
  });

  it.each(owned)('refuses %s in a call’s headers before anything is sent', async (name) => {
    server.handle((_req, res) => json(res, 201, job()));
    const err = await rejection(
      client().createJob({ job_type: 'A' }, { headers: { [name]: 'x' } }),
    );
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ param: `headers.${name}` });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ 'x-a': 'ok\r\nx-evil: 1' }, 'headers.x-a must be 1-8192 printable ASCII characters'],
    [{ 'x-a': 'line\nbreak' }, 'headers.x-a must be 1-8192 printable ASCII characters'],
    [{ 'x-a': '' }, 'headers.x-a must be 1-8192 printable ASCII characters'],
    [{ 'x-a': 1 }, 'headers.x-a must be 1-8192 printable ASCII characters'],
    [{ 'x a': 'v' }, 'headers.x a must be a header name'],
    [{ 'x-a\r\nx-evil': 'v' }, 'must be a header name'],
  ])('refuses %j: no CR/LF, no bad name, nothing sent', async (headers, message) => {
    server.handle((_req, res) => json(res, 200, job()));
    const err = await rejection(client().getJob('job_1', { headers } as never));
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(err.message).toContain(message);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses headers that are not a plain object of names to values', async () => {
    expect(() => client({ defaultHeaders: 'x-a: 1' })).toThrow('defaultHeaders must be an object');
    const err = await rejection(client().getJob('job_1', { headers: [['x-a', '1']] } as never));
    expect(err).toMatchObject({ name: 'ValidationError', param: 'headers' });
  });
});

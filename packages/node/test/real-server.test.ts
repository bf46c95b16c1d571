import { getEventListeners, getMaxListeners, setMaxListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConnectionError,
  FlareClient,
  nodeHttpTransport,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  type Transport,
  type TransportRequest,
  undiciTransport,
} from '@flare/node';
import { json, startServer } from '@flare/test-support/local-server';
import { job, rejection } from '@flare/test-support/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Awaited<ReturnType<typeof startServer>>;

// The oracle runs once per transport: the default, and undici's (opt-in). A test that brings its
// own `fetch` or `transport` keeps it.
const TRANSPORTS: [string, Transport | undefined][] = [
  ['the default transport', undefined],
  ['undiciTransport()', undiciTransport()],
];
let transport: Transport | undefined;

const client = (opts: Record<string, unknown> = {}) =>
  new FlareClient({
    apiKey: 'zf_test_sk_node',
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 20,
    ...(transport && !('fetch' in opts || 'transport' in opts) ? { transport } : {}),
    ...opts,
  });

const apiError = (_status: number, type: string, code: string) => ({
  error: { type, code, message: `${code} (test)`, request_id: 'req_body' },
});

describe.each(TRANSPORTS)('@flare/node over a real node:http server, %s', (_name, used) => {
  // A server per transport, so no connection one transport keeps alive counts for the other.
  beforeAll(async () => {
    transport = used;
    server = await startServer();
  });
  afterAll(() => server.close());

  it('round-trips createJob and getJob over one keep-alive connection', async () => {
    server.handle((req, res, body) => {
      if (req.method === 'POST')
        return json(res, 201, job({ payload: JSON.parse(body).payload }), {
          'x-request-id': 'req_c',
        });
      return json(res, 200, job({ id: req.url?.split('/').pop() }));
    });
    const flare = client();
    const { data, requestId } = await flare
      .createJob({ job_type: 'A', payload: { n: 1 } })
      .withResponse();
    expect(data.payload).toEqual({ n: 1 });
    expect(requestId).toBe('req_c');
    for (let i = 0; i < 5; i++) await flare.getJob(`job_${i}`);
    expect(server.requests).toHaveLength(6);
    expect(server.connections()).toBe(1);
    const post = server.requests[0]!;
    expect(post.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(post.headers['content-length']).toBe(String(Buffer.byteLength(post.body)));
    expect(post.headers['idempotency-key']).toMatch(/^flare-/);
    expect(post.headers['x-flare-client']).toMatch(/node\/20/);
  });

  it('retries a 503 then succeeds, reusing the idempotency key', async () => {
    let n = 0;
    server.handle((_req, res) =>
      ++n < 3
        ? json(res, 503, apiError(503, 'api_error', 'service_unavailable'))
        : json(res, 201, job()),
    );
    const res = await client().createJob({ job_type: 'A' }).withResponse();
    expect(res.attempts).toBe(3);
    expect(new Set(server.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(server.requests.map((r) => r.headers['x-flare-retry-count'])).toEqual(['0', '1', '2']);
  });

  it('maps 429 with Retry-After once retries are spent', async () => {
    server.handle((_req, res) =>
      json(res, 429, apiError(429, 'rate_limited', 'rate_limited'), {
        'retry-after': '0',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-request-id': 'req_rl',
      }),
    );
    const err = await rejection(client({ maxRetries: 2 }).getJob('j'));
    expect(RateLimitError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({
      retryAfter: 0,
      limit: 5,
      remaining: 0,
      attempts: 3,
      requestId: 'req_rl',
    });
  });

  it.each([
    ['node:http', {}],
    ['fetch', { fetch: (...args: Parameters<typeof fetch>) => fetch(...args) }],
  ])(
    'a connection reset mid-response (%s) is a retried ConnectionError saying the response was cut short',
    async (_name, opts) => {
      server.handle((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        res.write('{"id":"job_');
        setTimeout(() => res.socket?.destroy(), 5);
      });
      const err = await rejection(client({ maxRetries: 2, ...opts }).getJob('j'));
      expect(ConnectionError.isInstance(err)).toBe(true);
      expect(TimeoutError.isInstance(err)).toBe(false);
      expect(err.status).toBe(200);
      // The server was reached: "Could not reach Flare" would send the reader to DNS and firewalls.
      expect(err.message).toMatch(/^Response cut short: /);
      expect(err.attempts).toBe(3);
      expect(server.requests).toHaveLength(3);
    },
  );

  it('stops iterating listJobs with cursor_repeated when the server repeats a cursor', async () => {
    server.handle((_req, res) =>
      json(res, 200, { object: 'list', jobs: [job()], has_more: true, next_cursor: 'c1' }),
    );
    const seen: string[] = [];
    const err = await (async () => {
      for await (const item of client().listJobs()) seen.push(item.id);
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'FlareError', code: 'cursor_repeated' });
    expect(seen).toHaveLength(2);
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/jobs', '/v1/jobs?cursor=c1']);
  });

  it('a refused connection is a ConnectionError with the cause', async () => {
    const err = await rejection(
      new FlareClient({
        apiKey: 'zf_test_sk_x',
        baseUrl: 'http://127.0.0.1:1',
        maxRetries: 0,
      }).getJob('j'),
    );
    expect(ConnectionError.isInstance(err)).toBe(true);
    expect(String(err.cause)).toMatch(/ECONNREFUSED/);
  });

  it('a body that streams forever stops at maxResponseBytes and is not retried', async () => {
    let written = 0;
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 32);
      const timer = setInterval(() => {
        if (res.destroyed || !res.write(chunk)) return;
        written += chunk.length;
      }, 1);
      res.on('close', () => clearInterval(timer));
    });
    const err = await rejection(client({ maxResponseBytes: 256 * 1024 }).getJob('j'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ status: 200, attempts: 1, maxResponseBytes: 256 * 1024 });
    expect(server.requests).toHaveLength(1);
    // The client hung up: the server stops being able to write soon after the cap.
    await new Promise((r) => setTimeout(r, 50));
    const after = written;
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBe(after);
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('{');
    });
    const err = await rejection(client({ maxResponseBytes: 1024 }).getJob('j'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
  });

  it('a hanging server hits timeoutMs on every attempt and ends in TimeoutError', async () => {
    server.handle(() => undefined);
    const started = Date.now();
    const err = await rejection(client({ timeoutMs: 50, maxRetries: 1 }).getJob('j'));
    expect(TimeoutError.isInstance(err)).toBe(true);
    expect(err.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a timeout while the body trickles in is a TimeoutError too', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
    });
    const err = await rejection(client({ timeoutMs: 60, maxRetries: 0 }).getJob('j'));
    expect(TimeoutError.isInstance(err)).toBe(true);
  });

  it('an abort during a backoff sleep rejects at once and sends nothing more', async () => {
    server.handle((_req, res) => json(res, 503, apiError(503, 'api_error', 'service_unavailable')));
    const controller = new AbortController();
    const p = rejection(
      client({ retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000 }).createJob(
        { job_type: 'A' },
        { signal: controller.signal },
      ),
    );
    // Once the first try was answered (a fixed 100 ms wait lost that race on a loaded machine).
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    const abortedAt = Date.now();
    controller.abort(new Error('shutting down'));
    const err = await p;
    expect(err.message).toBe('shutting down');
    // Not the 60 s backoff.
    expect(Date.now() - abortedAt).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it('an abort mid-request destroys the request', async () => {
    server.handle(() => undefined);
    const err = await rejection(client().getJob('j', { signal: AbortSignal.timeout(50) }));
    expect(err.name).toBe('TimeoutError');
    expect(err).toBeInstanceOf(DOMException);
  });

  it('non-JSON 502 from a proxy maps by status; invalid JSON 2xx keeps the request id', async () => {
    server.handle((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'req_proxy' });
      res.end('<html><body>Bad gateway</body></html>');
    });
    const err = await rejection(client({ maxRetries: 0 }).getJob('j'));
    expect(ServerError.isInstance(err)).toBe(true);
    expect(err.requestId).toBe('req_proxy');
    server.handle((_req, res) => {
      res.writeHead(200, { 'x-request-id': 'req_bad' });
      res.end('{"id":');
    });
    const bad = await rejection(client().getJob('j'));
    expect(bad).toMatchObject({ name: 'FlareError', requestId: 'req_bad' });
  });

  it('follows no redirect, on node:http or through a caller-supplied fetch', async () => {
    // A 301 turns a followed POST into a GET: createJob would resolve with the new URL's answer.
    server.handle((req, res) => {
      if (req.url === '/v1/jobs' && req.method === 'POST') {
        // A proxy's JSON body says nothing of the request: its code is not the error's.
        res.writeHead(301, { location: '/v2/jobs', 'content-type': 'application/json' });
        return res.end('{"error":{"code":"parameter_invalid","message":"moved"}}');
      }
      return json(res, 200, { jobs: [], has_more: false, next_cursor: null });
    });
    for (const opts of [{}, { fetch: (...args: Parameters<typeof fetch>) => fetch(...args) }]) {
      const err = await rejection(client(opts).createJob({ job_type: 'A' }));
      expect(err).toMatchObject({
        name: 'FlareError',
        status: 301,
        attempts: 1,
        code: 'redirect_not_followed',
      });
      expect(err.message).toContain(
        "301 redirect_not_followed: to /v2/jobs: set baseUrl to the API's",
      );
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v1/jobs']);
      server.requests.length = 0;
    }
  });

  it('lets many concurrent calls share one signal without a listener-leak warning', async () => {
    server.handle((_req, res) => json(res, 200, job()));
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      // The transport under test, and core's fetch transport over an app's own fetch.
      for (const flare of [client(), client({ fetch: globalThis.fetch })]) {
        const shutdown = new AbortController();
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            flare.getJob(`job_${i}`, { signal: shutdown.signal }),
          ),
        );
        expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
      }
      const flare = client();
      // A limit the app set itself is left alone.
      const own = new AbortController();
      setMaxListeners(20, own.signal);
      await flare.getJob('job_own', { signal: own.signal });
      expect(getMaxListeners(own.signal)).toBe(20);
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a caller-supplied fetch is used instead of node:http', async () => {
    server.handle((_req, res) => json(res, 200, job()));
    let calls = 0;
    const flare = client({
      fetch: (...args: Parameters<typeof fetch>) => {
        calls++;
        return fetch(...args);
      },
    });
    await flare.getJob('j');
    expect(calls).toBe(1);
  });

  it('writes the request head itself: Host, Content-Length, a path prefix, ids and queries', async () => {
    server.handle((req, res) =>
      req.url?.includes('/v1/jobs?')
        ? json(res, 200, { object: 'list', jobs: [], has_more: false, next_cursor: null })
        : json(res, 200, job()),
    );
    const flare = client({ baseUrl: `${server.url}/proxy/flare/` });
    await flare.getJob('job a/b');
    await flare.cancelJob('job_1');
    await flare.listJobs({ queue: 'q 1', limit: 2 });
    const [get, cancel, list] = server.requests;
    const host = server.url.slice('http://'.length);
    expect(get).toMatchObject({ method: 'GET', url: '/proxy/flare/v1/jobs/job%20a%2Fb' });
    expect(get!.headers.host).toBe(host);
    // A GET carries no body framing at all.
    expect(get!.headers['content-length']).toBeUndefined();
    expect(get!.headers['transfer-encoding']).toBeUndefined();
    // A POST without a body says so, rather than falling back to chunked encoding.
    expect(cancel).toMatchObject({
      method: 'POST',
      url: '/proxy/flare/v1/jobs/job_1/cancel',
      body: '',
    });
    expect(cancel!.headers['content-length']).toBe('0');
    expect(cancel!.headers['transfer-encoding']).toBeUndefined();
    expect(list!.url).toMatch(/^\/proxy\/flare\/v1\/jobs\?/);
    expect(new URL(list!.url, server.url).searchParams.get('queue')).toBe('q 1');
  });

  it('lets a wrapping transport set Host, and never sends two Host or Content-Length headers', async () => {
    server.handle((_req, res) => json(res, 200, job()));
    const transport = nodeHttpTransport();
    const flare = client({
      transport: (req: TransportRequest) =>
        transport({
          ...req,
          headers: { ...req.headers, host: 'flare.internal', 'content-length': '999' },
        }),
    });
    await flare.cancelJob('job_1');
    const [cancel] = server.requests;
    expect(cancel!.headers.host).toBe('flare.internal');
    expect(cancel!.headers['content-length']).toBe('0');
  });

  it('keeps clients on different origins apart when their calls interleave', async () => {
    const other = await startServer();
    try {
      server.handle((_req, res) => json(res, 200, job({ id: 'from_main' })));
      other.handle((_req, res) => json(res, 200, job({ id: 'from_other' })));
      const main = client();
      // Same host, another port, and a path prefix: only the origin tells them apart.
      const second = client({ baseUrl: `${other.url}/prefix` });
      const ids = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? second : main).getJob(`j${i}`)),
      );
      expect(ids.map((j) => j?.id)).toEqual(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? 'from_other' : 'from_main')),
      );
      expect(other.requests.map((r) => r.url)).toEqual([
        '/prefix/v1/jobs/j1',
        '/prefix/v1/jobs/j3',
        '/prefix/v1/jobs/j5',
      ]);
    } finally {
      await other.close();
    }
  });

  it('counts a multi-byte body in bytes, not characters', async () => {
    server.handle((_req, res, body) => json(res, 201, job({ payload: JSON.parse(body).payload })));
    const payload = { text: 'héllo – 日本 🚀' };
    const created = await client().createJob({ job_type: 'A', payload });
    expect(created.payload).toEqual(payload);
    const post = server.requests[0]!;
    expect(post.headers['content-length']).toBe(String(Buffer.byteLength(post.body)));
    expect(Buffer.byteLength(post.body)).toBeGreaterThan(post.body.length);
  });

  it('reaches an IPv6 literal base URL', async () => {
    const v6 = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => json(res, 200, job({ id: req.headers.host })));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        v6.once('error', reject);
        v6.listen(0, '::1', resolve);
      });
    } catch {
      return; // No IPv6 loopback on this machine: nothing to prove here.
    }
    const { port } = v6.address() as AddressInfo;
    const got = await client({ baseUrl: `http://[::1]:${port}` }).getJob('j');
    expect(got?.id).toBe(`[::1]:${port}`);
    v6.closeAllConnections();
    await new Promise((r) => v6.close(r));
  });
});

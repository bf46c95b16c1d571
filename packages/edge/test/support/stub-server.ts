import type http from 'node:http';
import { json as send, startServer } from '@flare/test-support/local-server';
import { job as coreJob } from '@flare/test-support/wire';
import { workerRoute } from './stub-worker-routes.js';

/** One request the stub received. */
export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** `Date.now()` when the whole request had arrived. */
  at: number;
}

/** A complete wire job with the given id (the shared wire fixture). */
export function job(id: string, overrides: Record<string, unknown> = {}) {
  return coreJob({ id, ...overrides });
}

const apiError = (type: string, code: string) => ({
  error: { type, code, message: `${code} (stub)`, request_id: 'req_body' },
});

/** 5 jobs, newest first, served `limit` at a time behind opaque cursors. */
function listPage(url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const start = Number(url.searchParams.get('cursor')?.slice(4) ?? 0);
  const jobs = [5, 4, 3, 2, 1].slice(start, start + limit).map((n) => job(`job_${n}`));
  const hasMore = start + limit < 5;
  return { jobs, has_more: hasMore, next_cursor: hasMore ? `cur_${start + limit}` : null };
}

/**
 * A Flare stand-in on 127.0.0.1 for the runtime checks (test/runtime/checks.ts). Scenarios are
 * picked by path or by the caller's `X-Request-Id`, and depend only on the request (the retry
 * count header included), so runs in different runtimes never interfere.
 */
function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
  if (workerRoute(req, res, body)) return;
  const url = new URL(req.url ?? '/', 'http://stub');
  const firstTry = req.headers['x-flare-retry-count'] === '0';
  const scenario = req.headers['x-request-id'];
  if (req.method === 'POST' && url.pathname === '/v1/jobs') {
    if (scenario === 'scenario-redirect') {
      // Followed, the POST would come back as a GET of the job list.
      res.writeHead(301, { location: '/v1/jobs' });
      return res.end();
    }
    if (scenario === 'scenario-503' && firstTry) {
      return send(res, 503, apiError('api_error', 'service_unavailable'));
    }
    if (scenario === 'scenario-429-capped' && firstTry) {
      // Five seconds, over the client's retryMaxDelayMs (20 ms): the wait is capped to that.
      return send(res, 429, apiError('rate_limited', 'rate_limited'), { 'retry-after': '5' });
    }
    if (scenario === 'scenario-429-terminal' || (scenario === 'scenario-429' && firstTry)) {
      // One second: long enough that a client ignoring it (1 ms backoff) is caught.
      return send(res, 429, apiError('rate_limited', 'rate_limited'), {
        'retry-after': '1',
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '0',
        'x-request-id': 'req_429',
      });
    }
    const { payload = {}, job_type } = JSON.parse(body);
    return send(res, 201, job('job_created', { payload, job_type }), {
      'x-request-id': 'req_create',
    });
  }
  if (url.pathname === '/v1/jobs') return send(res, 200, listPage(url));
  const action = /^\/v1\/jobs\/([^/]+)\/(cancel|retry)$/.exec(url.pathname);
  if (req.method === 'POST' && action) {
    const state = action[2] === 'cancel' ? 'cancelled' : 'pending';
    return send(res, 200, job(action[1]!, { state }));
  }
  const id = url.pathname.split('/').pop() ?? '';
  if (id === 'job_missing') return send(res, 404, apiError('not_found', 'resource_missing'));
  if (id === 'job_slow') {
    // Answers after 3 s, long past the checks' timeouts and aborts.
    const later = setTimeout(() => res.destroyed || send(res, 200, job(id)), 3000);
    later.unref();
    return;
  }
  if (id === 'job_huge') {
    // Chunked, no Content-Length: only a streaming cap stops it.
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(16 * 1024, 32);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    return pump();
  }
  if (id === 'job_declared_huge') {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(50 * 1024 * 1024),
    });
    return res.write('{');
  }
  return send(res, 200, job(id), { 'x-request-id': `req_get_${id}` });
}

/** Starts the stub on the shared local test server; `close()` stops it and every open connection. */
export async function startStubServer() {
  const server = await startServer();
  server.handle(handle);
  return { url: server.url, seen: server.requests as Seen[], close: () => server.close() };
}

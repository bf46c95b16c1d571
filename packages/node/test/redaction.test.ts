// The issue-12 proof: every log level and every error path, through the built @flare/node, with
// ALL logger output and every hook event captured and serialised; none of it may hold the API key,
// the Authorization header, a bearer token or a webhook secret.
import type { ServerResponse } from 'node:http';
import {
  FlareClient,
  type FlareEvent,
  type FlareLogger,
  FlareWorker,
  NonRetryableError,
} from '@flare/node';
import { json, startServer } from '@flare/test-support/local-server';
import { job } from '@flare/test-support/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const KEY = 'zf_test_sk_redaction_proof_key';
const SECRET = 'whsec_redaction_proof_secret';
const LEVELS = ['debug', 'info', 'warn', 'error', 'off'] as const;

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** JSON of anything, errors expanded: name, message, stack, fields and causes. */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof Error)) return v;
    const fields = Object.fromEntries(
      Object.getOwnPropertyNames(v).map((n) => [n, v[n as 'name']]),
    );
    return { ...fields, name: v.name, message: v.message, stack: v.stack, cause: v.cause };
  });
}

function expectNoCredential(text: string) {
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(SECRET);
  expect(text.toLowerCase()).not.toContain('authorization');
  expect(text.toLowerCase()).not.toContain('bearer');
}

/** How the fake Flare answers each path; `/claim` and `/fail` serve the worker. */
function route(url: string, res: ServerResponse, claims: { n: number; fails: number }) {
  const error = (status: number, type: string, code: string, headers = {}) =>
    json(res, status, { error: { type, code, message: `${code} (test)` } }, headers);
  if (url === '/v1/jobs') return json(res, 201, job(), { 'x-request-id': 'req_ok' });
  if (url === '/v1/jobs/job_5xx') return error(503, 'api_error', 'service_unavailable');
  if (url === '/v1/jobs/job_429')
    return error(429, 'rate_limit_error', 'rate_limited', { 'retry-after': '0' });
  if (url === '/v1/jobs/job_401') return error(401, 'authentication_error', 'invalid_api_key');
  if (url === '/v1/jobs/job_404') return error(404, 'not_found_error', 'job_not_found');
  if (url === '/v1/jobs/job_400/retry')
    return error(400, 'invalid_request_error', 'parameter_invalid');
  if (url === '/v1/jobs/job_big')
    return json(res, 200, job({ payload: { pad: 'x'.repeat(5000) } }));
  if (url === '/v1/jobs/claim') {
    // One job to fail, then empty long polls.
    if (claims.n++ === 0) {
      const claimed = job({ id: 'job_worker', job_type: 'Boom', state: 'running', attempts: 1 });
      return json(res, 200, {
        jobs: [{ ...claimed, lease: { id: 'lse_1', expires_at: claimed.created_at } }],
      });
    }
    return setTimeout(() => json(res, 200, { jobs: [] }), 50);
  }
  if (url === '/v1/jobs/job_worker/fail') {
    claims.fails++;
    return json(res, 200, job({ id: 'job_worker', state: 'failed' }));
  }
  // job_slow and anything else never answers: a timeout.
}

/** Every error path, a success, and a worker's failed job; returns what was captured. */
async function everyPath(level: (typeof LEVELS)[number], via: 'option' | 'FLARE_LOG') {
  const claims = { n: 0, fails: 0 };
  server.handle((req, res) => route(req.url ?? '', res, claims));
  const lines: unknown[] = [];
  const at = (name: string) => (message: string, details?: unknown) =>
    lines.push({ level: name, message, details });
  const logger: FlareLogger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  const events: FlareEvent[] = [];
  const push = (e: FlareEvent) => events.push(e);
  const consoleLines: unknown[] = [];
  for (const m of ['log', 'debug', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, m).mockImplementation((...args) => consoleLines.push(args));
  }
  if (via === 'FLARE_LOG') vi.stubEnv('FLARE_LOG', level);
  const options = {
    apiKey: KEY,
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    logger,
    ...(via === 'option' && { logLevel: level }),
    hooks: { onRequest: push, onResponse: push, onRetry: push, onError: push },
  };
  const flare = new FlareClient(options);
  const settle = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => e,
    );
  await flare.createJob({ job_type: 'A' });
  const outcomes = [
    await settle(flare.getJob('job_5xx', { maxRetries: 2 })),
    await settle(flare.getJob('job_429', { maxRetries: 1 })),
    await settle(flare.getJob('job_401')),
    await settle(flare.getJob('job_404')),
    await settle(flare.retryJob('job_400')),
    await settle(flare.getJob('job_slow', { timeoutMs: 30, maxRetries: 1 })),
    await settle(new FlareClient({ ...options, maxResponseBytes: 1000 }).getJob('job_big')),
    await settle(
      new FlareClient({ ...options, baseUrl: 'http://127.0.0.1:1', maxRetries: 1 }).getJob('job_x'),
    ),
    // Refused before sending: a header value with a line break.
    await settle(flare.createJob({ job_type: 'A' }, { idempotencyKey: `${KEY}\n` })),
  ];
  expect(outcomes.map((o) => (o === 'ok' || o === null ? o : (o as Error).name))).toEqual([
    'ServerError',
    'RateLimitError',
    'AuthError',
    'ok',
    'ValidationError',
    'TimeoutError',
    'ResponseTooLargeError',
    'ConnectionError',
    'ValidationError',
  ]);

  // A worker's job whose handler fails for good, quoting a secret as a careless handler might.
  const worker = new FlareWorker({
    client: flare,
    handlers: {
      Boom: async () => {
        throw new NonRetryableError(`signature check failed with ${SECRET} and Bearer ${KEY}`);
      },
    },
    logger,
    ...(via === 'option' && { logLevel: level }),
    pollWaitMs: 100,
    handleSignals: false,
  });
  const run = worker.run();
  await vi.waitFor(() => expect(claims.fails).toBe(1), { timeout: 5_000 });
  await worker.close();
  await run;
  return { lines, events, consoleLines };
}

describe('redaction through the built @flare/node (issue 12)', () => {
  it.each(LEVELS.flatMap((level) => [[level, 'option'] as const, [level, 'FLARE_LOG'] as const]))(
    'at %s (set by %s), no log line, console line or hook event holds a credential',
    async (level, via) => {
      const { lines, events, consoleLines } = await everyPath(level, via);
      expectNoCredential(serialise(lines));
      expectNoCredential(serialise(events));
      expectNoCredential(serialise(consoleLines));
      // The scan saw what it should: every path's events, and each level's lines.
      // Every failing path but getJob's 404, which is an answer (null), not a failure.
      const failed = events.filter((e) => e.type === 'error' && e.path !== '/v1/jobs/claim');
      expect(failed).toHaveLength(7);
      expect(events.filter((e) => e.path === '/v1/jobs/job_404').map((e) => e.type)).toEqual([
        'request',
        'response',
      ]);
      const levels = new Set(lines.map((l) => (l as { level: string }).level));
      if (level === 'off') expect(lines).toEqual([]);
      if (level === 'debug') expect(levels).toEqual(new Set(['debug', 'info', 'warn']));
      if (level === 'warn') expect(levels).toEqual(new Set(['warn']));
      if (level !== 'off' && level !== 'error') {
        expect(serialise(lines)).toContain('[redacted]');
      }
    },
  );
});

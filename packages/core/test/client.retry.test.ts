import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  ConnectionError,
  FlareClient,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { apiError, BASE, job, KEY, rejection } from './helpers.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

const client = (opts: Record<string, unknown> = {}) =>
  new FlareClient({ apiKey: KEY, baseUrl: BASE, ...opts });

/** Answers the given responses in turn, recording each request's headers. */
function sequence(method: 'get' | 'post', path: string, answers: Array<() => Response>) {
  const seen: Headers[] = [];
  server.use(
    http[method](`${BASE}${path}`, ({ request }) => {
      seen.push(request.headers);
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      return answer();
    }),
  );
  return seen;
}

/** Runs `p` to completion while advancing fake time; returns the virtual ms it took. */
async function timed<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = Date.now();
  let out: { value?: T; error?: unknown } | undefined;
  p.then(
    (value) => (out = { value }),
    (error) => (out = { error }),
  );
  while (!out) await vi.advanceTimersByTimeAsync(50);
  return { ...out, ms: Date.now() - start };
}

describe('retries', () => {
  it('retries a 503 with the same idempotency key and an increasing retry count', async () => {
    const seen = sequence('post', '/v1/jobs', [
      () => apiError(503, 'api_error', 'service_unavailable'),
      () => apiError(502, 'api_error', 'internal_error'),
      () => HttpResponse.json(job(), { status: 201 }),
    ]);
    const res = await client({ retryBaseDelayMs: 1 }).createJob({ job_type: 'A' }).withResponse();
    expect(res.attempts).toBe(3);
    expect(seen.map((h) => h.get('x-flare-retry-count'))).toEqual(['0', '1', '2']);
    const keys = new Set(seen.map((h) => h.get('idempotency-key')));
    expect(keys.size).toBe(1);
    expect(res.idempotencyKey).toBe([...keys][0]);
  });

  it('waits the exponential schedule with jitter between tries (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    const times: number[] = [];
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        times.push(Date.now());
        return apiError(500, 'api_error', 'internal_error');
      }),
    );
    const { error } = await timed(client().getJob('job_1'));
    expect(ServerError.isInstance(error)).toBe(true);
    expect((error as ServerError).attempts).toBe(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 500, 1000, 2000 (random ≈ 1 → the top of the jitter range), give or take the 50 ms step.
    expect(gaps.map((g) => Math.round(g / 100) * 100)).toEqual([500, 1000, 2000]);
  });

  it('honours Retry-After on 429, capped at retryMaxDelayMs, and exposes retryAfter/limit/remaining', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const times: number[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, () => {
        times.push(Date.now());
        return apiError(429, 'rate_limited', 'rate_limited', {
          'retry-after': '3',
          'x-ratelimit-limit': '10',
          'x-ratelimit-remaining': '0',
        });
      }),
    );
    const { error } = await timed(client({ maxRetries: 2 }).createJob({ job_type: 'A' }));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryAfter: 3, limit: 10, remaining: 0, attempts: 3 });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.every((g) => g >= 3000 && g < 3100)).toBe(true);

    times.length = 0;
    await timed(client({ maxRetries: 1, retryMaxDelayMs: 1000 }).createJob({ job_type: 'A' }));
    expect(times[1]! - times[0]!).toBeLessThan(1100);
  });

  it('honours retry-after-ms and an HTTP-date Retry-After on 503', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const times: number[] = [];
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        times.push(Date.now());
        return times.length === 1
          ? apiError(503, 'api_error', 'service_unavailable', { 'retry-after-ms': '1500' })
          : times.length === 2
            ? apiError(503, 'api_error', 'service_unavailable', {
                'retry-after': new Date(Date.now() + 4000).toUTCString(),
              })
            : HttpResponse.json(job());
      }),
    );
    const { value } = await timed(client().getJob('job_1'));
    expect(value).toMatchObject({ object: 'job' });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1500);
    expect(times[1]! - times[0]!).toBeLessThan(1600);
    // HTTP dates have 1 s resolution.
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(3000);
    expect(times[2]! - times[1]!).toBeLessThan(4100);
  });

  it('retries 409 idempotency_in_progress with the same key until the stored answer comes back', async () => {
    const seen = sequence('post', '/v1/jobs', [
      () => apiError(409, 'conflict', 'idempotency_in_progress'),
      () => apiError(409, 'conflict', 'idempotency_in_progress'),
      () => HttpResponse.json(job(), { status: 201, headers: { 'idempotent-replayed': 'true' } }),
    ]);
    const res = await client({ retryBaseDelayMs: 1 }).createJob({ job_type: 'A' }).withResponse();
    expect(res).toMatchObject({ status: 201, attempts: 3, replayed: true });
    expect(new Set(seen.map((h) => h.get('idempotency-key'))).size).toBe(1);
  });

  it('does not retry other 409s', async () => {
    for (const code of ['invalid_state', 'idempotency_key_reused']) {
      const seen = sequence('post', '/v1/jobs/:id/cancel', [() => apiError(409, 'conflict', code)]);
      const err = await rejection(client({ retryBaseDelayMs: 1 }).cancelJob('job_1'));
      expect(err).toMatchObject({ name: 'ConflictError', code, attempts: 1 });
      expect(seen).toHaveLength(1);
    }
  });

  it('does not retry 4xx other than 408/429', async () => {
    const seen = sequence('post', '/v1/jobs', [
      () => apiError(400, 'invalid_request_error', 'parameter_invalid'),
    ]);
    const err = await rejection(client({ retryBaseDelayMs: 1 }).createJob({ job_type: 'A' }));
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('retries 408 and network errors; maxRetries 0 (client or per call) disables', async () => {
    const seen = sequence('get', '/v1/jobs/:id', [
      () => apiError(408, 'api_error', 'timeout'),
      () => HttpResponse.error(),
      () => HttpResponse.json(job()),
    ]);
    await expect(client({ retryBaseDelayMs: 1 }).getJob('j')).resolves.toMatchObject({
      object: 'job',
    });
    expect(seen).toHaveLength(3);

    const seen2 = sequence('get', '/v1/jobs/:id', [() => HttpResponse.error()]);
    const err = await rejection(client({ maxRetries: 0 }).getJob('j'));
    expect(ConnectionError.isInstance(err)).toBe(true);
    expect(err.attempts).toBe(1);
    expect(seen2).toHaveLength(1);
    const seen3 = sequence('get', '/v1/jobs/:id', [() => HttpResponse.error()]);
    await rejection(client({ retryBaseDelayMs: 1 }).getJob('j', { maxRetries: 0 }));
    expect(seen3).toHaveLength(1);
  });

  it('an abort during a backoff sleep rejects at once with the signal reason and sends nothing more', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const seen = sequence('post', '/v1/jobs', [
      () => apiError(503, 'api_error', 'service_unavailable'),
    ]);
    const controller = new AbortController();
    const p = client({ retryBaseDelayMs: 10_000 }).createJob(
      { job_type: 'A' },
      { signal: controller.signal },
    );
    const settled = rejection(p);
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toHaveLength(1);
    controller.abort(new Error('user gave up'));
    const err = await settled;
    expect(err).toEqual(new Error('user gave up'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const seen = sequence('get', '/v1/jobs/:id', [() => HttpResponse.json(job())]);
    const err = await rejection(client().getJob('j', { signal: AbortSignal.abort() }));
    expect(err.name).toBe('AbortError');
    expect(seen).toHaveLength(0);
  });
});

describe('timeouts and size cap (fetch transport)', () => {
  it('times out an attempt, retries, then throws TimeoutError', async () => {
    const seen = sequence('get', '/v1/jobs/:id', [
      () => new Promise<Response>(() => undefined) as unknown as Response,
    ]);
    const err = await rejection(
      client({ timeoutMs: 30, retryBaseDelayMs: 1, maxRetries: 1 }).getJob('j'),
    );
    expect(TimeoutError.isInstance(err)).toBe(true);
    expect(err.attempts).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('rejects a declared Content-Length over the cap without retrying', async () => {
    const seen = sequence('get', '/v1/jobs/:id', [
      () =>
        new HttpResponse('x'.repeat(2048), {
          headers: { 'content-length': '2048', 'x-request-id': 'req_big' },
        }),
    ]);
    const err = await rejection(client({ maxResponseBytes: 1024 }).getJob('j'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({
      maxResponseBytes: 1024,
      requestId: 'req_big',
      status: 200,
      isRetryable: false,
    });
    expect(seen).toHaveLength(1);
  });

  it('stops reading an endless stream at the cap', async () => {
    let pulled = 0;
    sequence('get', '/v1/jobs/:id', [
      () =>
        new HttpResponse(
          new ReadableStream({
            pull(controller) {
              pulled++;
              controller.enqueue(new Uint8Array(512).fill(32));
            },
          }),
        ),
    ]);
    const err = await rejection(client({ maxResponseBytes: 4096 }).getJob('j'));
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    expect(pulled).toBeLessThan(20);
  });

  it('maxResponseBytes 0 disables the cap', async () => {
    sequence('get', '/v1/jobs/:id', [
      () => HttpResponse.json(job({ payload: { s: 'x'.repeat(4096) } })),
    ]);
    await expect(client({ maxResponseBytes: 0 }).getJob('j')).resolves.toMatchObject({
      object: 'job',
    });
  });
});

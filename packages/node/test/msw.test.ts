import {
  ConflictError,
  ConnectionError,
  FlareClient,
  RateLimitError,
  ResponseTooLargeError,
  ValidationError,
} from '@flare/node';
import { apiError, job, rejection } from '@flare/test-support/wire';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// msw intercepts node:http too, so users can mock Flare for @flare/node's default transport.
const BASE = 'https://api.zeridion.com';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const flare = new FlareClient({
  apiKey: 'zf_test_sk_msw',
  retryBaseDelayMs: 1,
  retryMaxDelayMs: 5,
});

describe('@flare/node (node:http transport) under msw', () => {
  it('creates a job with the contract headers over https', async () => {
    const seen: Request[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, async ({ request }) => {
        seen.push(request.clone());
        const body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(job({ job_type: body.job_type }), {
          status: 201,
          headers: { 'x-request-id': 'req_msw' },
        });
      }),
    );
    const { data, requestId } = await flare
      .createJob({ job_type: 'SendWelcomeEmail', payload: { email: 'a@b.c' } })
      .withResponse();
    expect(data.job_type).toBe('SendWelcomeEmail');
    expect(requestId).toBe('req_msw');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer zf_test_sk_msw');
    expect(seen[0]?.headers.get('idempotency-key')).toMatch(/^flare-/);
  });

  it('retries 503 and 429 with one idempotency key, then succeeds', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (keys.length === 1) return apiError(503, 'api_error', 'service_unavailable');
        if (keys.length === 2) {
          return apiError(429, 'rate_limited', 'rate_limited', { 'retry-after-ms': '1' });
        }
        return HttpResponse.json(job(), { status: 201 });
      }),
    );
    const res = await flare.createJob({ job_type: 'A' }).withResponse();
    expect(res.attempts).toBe(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('maps errors: 400 → ValidationError, 409 → ConflictError, 429 spent → RateLimitError', async () => {
    server.use(
      http.post(`${BASE}/v1/jobs`, () =>
        apiError(400, 'invalid_request_error', 'parameter_invalid'),
      ),
      http.post(`${BASE}/v1/jobs/:id/cancel`, () => apiError(409, 'conflict', 'invalid_state')),
      http.post(`${BASE}/v1/jobs/:id/retry`, () =>
        apiError(429, 'rate_limited', 'rate_limited', { 'retry-after': '0' }),
      ),
    );
    expect(ValidationError.isInstance(await rejection(flare.createJob({ job_type: 'A' })))).toBe(
      true,
    );
    expect(await rejection(flare.cancelJob('job_1'))).toSatisfy((e) => ConflictError.isInstance(e));
    const limited = await rejection(flare.retryJob('job_1', { maxRetries: 1 }));
    expect(RateLimitError.isInstance(limited)).toBe(true);
    expect(limited.attempts).toBe(2);
  });

  it('getJob resolves null on 404; a network error is a ConnectionError', async () => {
    server.use(
      http.get(`${BASE}/v1/jobs/job_missing`, () => apiError(404, 'not_found', 'resource_missing')),
      http.get(`${BASE}/v1/jobs/job_down`, () => HttpResponse.error()),
    );
    await expect(flare.getJob('job_missing')).resolves.toBeNull();
    const err = await rejection(flare.getJob('job_down', { maxRetries: 1 }));
    expect(ConnectionError.isInstance(err)).toBe(true);
    expect(err.attempts).toBe(2);
  });

  it('enforces maxResponseBytes on a mocked body', async () => {
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () =>
        HttpResponse.json(job({ payload: { blob: 'x'.repeat(4096) } })),
      ),
    );
    const small = new FlareClient({ apiKey: 'zf_test_sk_msw', maxResponseBytes: 1024 });
    expect(ResponseTooLargeError.isInstance(await rejection(small.getJob('job_1')))).toBe(true);
  });
});

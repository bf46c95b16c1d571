// What each call sends and how its answer comes back: the wire body and contract headers, the
// caller's idempotency key, getJob's null on 404, error mapping, and redirects left unfollowed.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ConflictError, FlareError } from '../src/index.js';
import { apiError, BASE, job, KEY, rejection } from './helpers.js';
import { client, record, type Seen } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

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
    expect(err).toMatchObject({
      name: 'FlareError',
      status: 301,
      attempts: 1,
      code: 'redirect_not_followed',
    });
    expect(err.isRetryable).toBe(false);
    expect(err.message).toBe(
      `301 redirect_not_followed: to ${BASE}/v2/jobs: set baseUrl to the API's own URL`,
    );
    expect(seen).toEqual(['POST /v1/jobs']);
  });
});

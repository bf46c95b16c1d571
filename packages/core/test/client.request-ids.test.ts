// Which request id an answer or an error carries: the caller's X-Request-Id, the response's, or
// the error body's.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BASE, job, rejection } from './helpers.js';
import { client } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

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

// Negative controls: the validator every suite relies on must reject broken responses and
// requests, or "every exchange follows the spec" would prove nothing.
import { fixtures } from '@flare/testing';
import { describe, expect, it } from 'vitest';
import { spec } from './helpers/fidelity.js';

const headers = {
  'content-type': 'application/json; charset=utf-8',
  'x-request-id': '01JDQ3Z8K4M6W2T9R5X7Y1B3C5',
  'x-ratelimit-limit': '1000',
  'x-ratelimit-remaining': '999',
  'x-ratelimit-reset': '1767225600',
};
const job = fixtures.job();

describe('the OpenAPI validator used by every suite', () => {
  it('accepts a conforming response', () => {
    expect(spec.response('GET', `/v1/jobs/${job.id}`, 200, headers, job)).toEqual([]);
  });

  it('rejects broken responses', () => {
    const broken: [string, number, Record<string, string>, unknown, RegExp][] = [
      ['GET', 200, headers, { ...job, state: 'done' }, /state/],
      ['GET', 200, headers, { ...job, extra: 1 }, /additional/],
      ['GET', 200, headers, { ...job, created_at: '2026-01-01T00:00:00Z' }, /pattern/],
      ['GET', 200, { ...headers, 'x-request-id': undefined as never }, job, /X-Request-Id/],
      ['GET', 200, { ...headers, 'x-ratelimit-reset': 'soon' }, job, /X-RateLimit-Reset/],
      ['GET', 418, headers, job, /not documented/],
      ['POST', 201, headers, job, /no such operation/],
    ];
    for (const [method, status, h, body, reason] of broken) {
      const problems = spec.response(method, `/v1/jobs/${job.id}`, status, h, body);
      expect(problems.join('\n')).toMatch(reason);
    }
    const error = {
      error: { type: 'conflict', code: 'lease_lost', message: 'x', request_id: 'r' },
    };
    expect(spec.response('POST', `/v1/jobs/${job.id}/cancel`, 409, headers, error).join()).toMatch(
      /allowed values/,
    );
    const noRetryAfter = {
      error: { type: 'rate_limited', code: 'rate_limited', message: 'x', request_id: 'r' },
    };
    expect(spec.response('GET', '/v1/jobs', 429, headers, noRetryAfter).join()).toMatch(
      /Retry-After/,
    );
  });

  it('rejects broken requests', () => {
    const auth = { authorization: 'Bearer zf_test_sk_fake', 'content-type': 'application/json' };
    const ok = {
      method: 'POST',
      path: '/v1/jobs',
      headers: auth,
      body: { job_type: 'A' },
      rawBody: '{"job_type":"A"}',
    };
    expect(spec.request(ok)).toEqual([]);
    expect(spec.request({ ...ok, body: { jobType: 'A' } }).join()).toMatch(/additional|required/);
    expect(spec.request({ ...ok, headers: { 'content-type': 'application/json' } }).join()).toMatch(
      /Authorization/,
    );
    expect(
      spec.request({ ...ok, method: 'GET', query: { limit: '500' }, rawBody: '' }).join(),
    ).toMatch(/limit/);
    expect(
      spec.request({ ...ok, method: 'GET', query: { sort: 'x' }, rawBody: '' }).join(),
    ).toMatch(/unknown query/);
    expect(
      spec.request({ ...ok, path: '/v1/jobs/nope', method: 'GET', rawBody: '' }).join(),
    ).toMatch(/pattern/);
  });

  it('covers release and retry_in_ms: bounds, and retry_in_ms only with retryable', () => {
    const auth = { authorization: 'Bearer zf_test_sk_fake', 'content-type': 'application/json' };
    const lease_id = 'lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5';
    const post = (action: string, body: object) =>
      spec.request({
        method: 'POST',
        path: `/v1/jobs/${job.id}/${action}`,
        headers: auth,
        body,
        rawBody: JSON.stringify(body),
      });
    const error = { message: 'x' };
    expect(post('release', { lease_id, delay_ms: 86_400_000 })).toEqual([]);
    expect(post('fail', { lease_id, error, retry_in_ms: 0 })).toEqual([]);
    expect(post('fail', { lease_id, error, retryable: true, retry_in_ms: 5 })).toEqual([]);
    expect(post('release', { lease_id, delay_ms: 86_400_001 }).join()).toMatch(/delay_ms/);
    expect(post('release', { lease_id, delay_ms: 1.5 }).join()).toMatch(/integer/);
    expect(post('release', { delay_ms: 1 }).join()).toMatch(/lease_id/);
    expect(post('fail', { lease_id, error, retry_in_ms: -1 }).join()).toMatch(/retry_in_ms/);
    expect(post('fail', { lease_id, error, retryable: false, retry_in_ms: 5 }).join()).toMatch(
      /retry_in_ms/,
    );
    const invalidState = {
      error: { type: 'conflict', code: 'invalid_state', message: 'x', request_id: 'r' },
    };
    const path = `/v1/jobs/${job.id}/release`;
    expect(spec.response('POST', path, 409, headers, invalidState).join()).toMatch(
      /allowed values/,
    );
    expect(spec.response('POST', path, 200, headers, { ...job, state: 'running' })).toEqual([]);
    expect(spec.operationId('POST', path)).toBe('releaseJob');
  });

  it('knows the batch endpoints and rejects broken batch answers and requests', () => {
    expect(spec.operationId('POST', '/v1/jobs/batch')).toBe('createJobs');
    expect(spec.operationId('POST', '/v1/jobs/complete')).toBe('completeJobs');
    expect(spec.operationId('POST', '/v1/jobs/fail')).toBe('failJobs');
    const created = { status: 201, job, replayed: false };
    const itemError = {
      status: 409,
      error: { type: 'conflict', code: 'idempotency_key_reused', message: 'x', request_id: 'r' },
    };
    const answer = (results: unknown[]) =>
      spec.response('POST', '/v1/jobs/batch', 200, headers, { results }).join();
    expect(answer([created, itemError])).toBe('');
    expect(answer([])).toMatch(/fewer than 1/);
    expect(answer([{ ...created, status: 200 }])).toMatch(/oneOf/);
    expect(answer([{ ...itemError, status: 503 }])).toMatch(/oneOf/);
    expect(answer([{ job, replayed: false }])).toMatch(/oneOf/);
    const settled = (results: unknown[]) =>
      spec.response('POST', '/v1/jobs/complete', 200, headers, { results }).join();
    expect(settled([{ status: 200, job }])).toBe('');
    expect(settled([{ status: 200, job, replayed: false }])).toMatch(/oneOf/);
    const request = (path: string, body: unknown) =>
      spec
        .request({
          method: 'POST',
          path,
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body,
          rawBody: JSON.stringify(body),
        })
        .join();
    expect(request('/v1/jobs/batch', { jobs: [{ job_type: 'A', idempotency_key: 'k' }] })).toBe('');
    expect(request('/v1/jobs/batch', { jobs: [{ job_type: 'A', idempotency_key: '' }] })).toMatch(
      /idempotency_key/,
    );
    const many = Array.from({ length: 101 }, () => ({ job_type: 'A' }));
    expect(request('/v1/jobs/batch', { jobs: many })).toMatch(/more than 100/);
    const lease_id = 'lse_01JDQ3Z8K4M6W2T9R5X7Y1B3C5';
    expect(request('/v1/jobs/complete', { jobs: [{ id: job.id, lease_id }] })).toBe('');
    expect(request('/v1/jobs/complete', { jobs: [{ lease_id }] })).toMatch(/id/);
    const ack = { id: job.id, lease_id, idempotency_key: 'ack-1' };
    expect(request('/v1/jobs/complete', { jobs: [ack] })).toBe('');
    expect(request('/v1/jobs/complete', { jobs: [{ ...ack, idempotency_key: '' }] })).toMatch(
      /idempotency_key/,
    );
  });

  it('covers schedules as code: key, overlap, the job’s tick, and the partial update', () => {
    const auth = { authorization: 'Bearer zf_test_sk_fake', 'content-type': 'application/json' };
    const id = 'sch_01JDQ3Z8K4M6W2T9R5X7Y1B3C5';
    const post = (path: string, body: object) =>
      spec.request({ method: 'POST', path, headers: auth, body, rawBody: JSON.stringify(body) });
    const create = { key: 'k', cron: '0 9 * * *', job_type: 'A', overlap: 'skip' };
    expect(post('/v1/schedules', create)).toEqual([]);
    expect(post('/v1/schedules', { ...create, key: '' }).join()).toMatch(/key/);
    expect(post('/v1/schedules', { ...create, overlap: 'queue' }).join()).toMatch(/overlap/);
    expect(post(`/v1/schedules/${id}`, { cron: '0 8 * * *', overlap: 'allow' })).toEqual([]);
    expect(post(`/v1/schedules/${id}`, { key: 'k' }).join()).toMatch(/additional/);
    expect(spec.operationId('POST', `/v1/schedules/${id}`)).toBe('updateSchedule');
    const schedule = {
      id,
      object: 'schedule',
      key: null,
      overlap: 'allow',
      cron: '0 9 * * *',
      timezone: 'UTC',
      job_type: 'A',
      payload: {},
      queue: 'default',
      max_attempts: 3,
      tags: [],
      paused: false,
      next_run_at: null,
      last_run_at: null,
      created_at: '2026-01-01T00:00:00.000Z',
    };
    const path = `/v1/schedules/${id}`;
    expect(spec.response('GET', path, 200, headers, schedule)).toEqual([]);
    expect(spec.response('POST', '/v1/schedules', 200, headers, schedule)).toEqual([]);
    const { overlap: _, ...noOverlap } = schedule;
    expect(spec.response('GET', path, 200, headers, noOverlap).join()).toMatch(/overlap/);
    const { scheduled_for: __, ...untraced } = job;
    expect(spec.response('GET', `/v1/jobs/${job.id}`, 200, headers, untraced).join()).toMatch(
      /scheduled_for/,
    );
    const fromTick = { ...job, schedule_id: id, scheduled_for: '2026-01-01T09:00:00.000Z' };
    expect(spec.response('GET', `/v1/jobs/${job.id}`, 200, headers, fromTick)).toEqual([]);
    expect(
      spec.response('GET', `/v1/jobs/${job.id}`, 200, headers, { ...fromTick, schedule_id: 'x' }),
    ).not.toEqual([]);
  });

  it('rejects a broken webhook', () => {
    const event = fixtures.event('job.succeeded');
    expect(spec.webhook(JSON.stringify(event), `t=1,v1=${'a'.repeat(64)}`)).toEqual([]);
    expect(
      spec
        .webhook(JSON.stringify({ ...event, type: 'job.done' }), `t=1,v1=${'a'.repeat(64)}`)
        .join(),
    ).toMatch(/type/);
    expect(spec.webhook(JSON.stringify(event), 't=1,v1=XYZ').join()).toMatch(/signature/);
  });
});

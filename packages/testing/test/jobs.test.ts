import { describe, expect, it } from 'vitest';
import { call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

describe('jobs endpoints', () => {
  it('creates a job with the defaults and reads it back', async () => {
    const fake = createFake();
    const res = await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'SendWelcomeEmail' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      object: 'job',
      job_type: 'SendWelcomeEmail',
      queue: 'default',
      state: 'pending',
      payload: {},
      tags: [],
      attempts: 0,
      max_attempts: 3,
      run_at: null,
    });
    expect(res.body.id).toMatch(/^job_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(res.headers['x-request-id']).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const got = await call(fake, 'GET', `/v1/jobs/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('echoes a usable X-Request-Id and ignores an unusable one', async () => {
    const fake = createFake();
    const mine = await call(fake, 'GET', '/v1/jobs', { headers: { 'x-request-id': 'trace-1' } });
    expect(mine.headers['x-request-id']).toBe('trace-1');
    const bad = await call(fake, 'GET', '/v1/jobs', {
      headers: { 'x-request-id': 'x'.repeat(201) },
    });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9A-Z]{26}$/);
    const err = await call(fake, 'GET', '/v1/jobs/job_nope', {
      headers: { 'x-request-id': 'trace-2' },
    });
    expect(err.body.error.request_id).toBe('trace-2');
  });

  it('schedules a job with a future run_at and promotes it when the clock gets there', async () => {
    const fake = createFake({ clock: { start: '2026-01-01T09:00:00Z' } });
    const res = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'Report', run_at: '2026-01-01T10:00:00+01:00' }, // 09:00Z: not future
    });
    expect(res.body).toMatchObject({ state: 'pending', run_at: '2026-01-01T09:00:00.000Z' });
    const later = await call(fake, 'POST', '/v1/jobs', {
      body: { job_type: 'Report', run_at: '2026-01-01T09:05:00Z' },
    });
    expect(later.body.state).toBe('scheduled');
    fake.clock.advance(4 * 60_000);
    expect(fake.getJob(later.body.id)?.state).toBe('scheduled');
    fake.clock.advance(60_000);
    expect(fake.getJob(later.body.id)).toMatchObject({
      state: 'pending',
      updated_at: '2026-01-01T09:05:00.000Z',
    });
  });

  it('answers 400 with the offending param', async () => {
    const fake = createFake();
    const cases: [unknown, { code: string; param?: string }][] = [
      [{}, { code: 'parameter_missing', param: 'job_type' }],
      [{ job_type: 'a b' }, { code: 'parameter_invalid', param: 'job_type' }],
      [
        { job_type: 'A', jobType: 'A' },
        { code: 'unknown_parameter', param: 'jobType' },
      ],
      [
        { job_type: 'A', payload: [] },
        { code: 'parameter_invalid', param: 'payload' },
      ],
      [
        { job_type: 'A', payload: null },
        { code: 'parameter_invalid', param: 'payload' },
      ],
      [
        { job_type: 'A', max_attempts: 26 },
        { code: 'parameter_invalid', param: 'max_attempts' },
      ],
      [
        { job_type: 'A', max_attempts: 2.5 },
        { code: 'parameter_invalid', param: 'max_attempts' },
      ],
      [
        { job_type: 'A', run_at: 'tomorrow' },
        { code: 'parameter_invalid', param: 'run_at' },
      ],
      [
        { job_type: 'A', run_at: '2026-02-30T00:00:00Z' },
        { code: 'parameter_invalid', param: 'run_at' },
      ],
      [
        { job_type: 'A', tags: ['a', 'a'] },
        { code: 'parameter_invalid', param: 'tags.1' },
      ],
      [
        { job_type: 'A', tags: ['x', ''] },
        { code: 'parameter_invalid', param: 'tags.1' },
      ],
      [
        { job_type: 'A', tags: Array(11).fill('t') },
        { code: 'parameter_invalid', param: 'tags' },
      ],
      [
        { job_type: 'A', queue: '' },
        { code: 'parameter_invalid', param: 'queue' },
      ],
      [
        { job_type: 'A', payload: { big: 'x'.repeat(262_144) } },
        { code: 'payload_too_large', param: 'payload' },
      ],
    ];
    for (const [body, expected] of cases) {
      const res = await call(fake, 'POST', '/v1/jobs', { body });
      expect({ body, ...errorOf(res) }).toEqual({ body, status: 400, ...expected });
    }
    expect(fake.jobs).toEqual([]);
  });

  it('accepts a payload of exactly 256 KiB', async () => {
    const fake = createFake();
    const payload = { p: 'x'.repeat(262_144 - 8) }; // {"p":"…"} is 8 bytes of syntax
    expect(Buffer.byteLength(JSON.stringify(payload))).toBe(262_144);
    const res = await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A', payload } });
    expect(res.status).toBe(201);
  });

  it('measures a payload whose body text is past 43,690 characters (6 bytes each at most)', async () => {
    const fake = createFake();
    // Raw lone surrogates: 1 character of text each, 6 bytes (\ud800) of compact JSON.
    const body = (n: number) => `{"job_type":"A","payload":{"s":"${'\ud800'.repeat(n)}"}}`;
    const over = await call(fake, 'POST', '/v1/jobs', { body: body(43_690) });
    expect(errorOf(over)).toEqual({ status: 400, code: 'payload_too_large', param: 'payload' });
    const within = await call(fake, 'POST', '/v1/jobs', { body: body(43_690 - 35) });
    expect(body(43_690 - 35)).toHaveLength(43_690);
    expect(within.status).toBe(201);
    expect(within.body.payload.s).toHaveLength(43_655);
  });

  it('answers invalid_json for bodies that are not a JSON object', async () => {
    const fake = createFake();
    const bodies: [string, Record<string, string>][] = [
      ['{"job_type":', {}],
      ['[1]', {}],
      ['', {}],
      ['{"job_type":"A"}', { 'content-type': 'text/plain' }],
    ];
    for (const [body, headers] of bodies) {
      const res = await call(fake, 'POST', '/v1/jobs', { body, headers });
      expect(errorOf(res)).toEqual({ status: 400, code: 'invalid_json' });
    }
  });

  it('authenticates every request', async () => {
    const fake = createFake({ apiKeys: ['zf_test_sk_a'] });
    const none = await call(fake, 'GET', '/v1/jobs', { key: null });
    expect(errorOf(none)).toEqual({ status: 401, code: 'missing_api_key' });
    const wrong = await call(fake, 'GET', '/v1/jobs', { key: 'zf_test_sk_b' });
    expect(errorOf(wrong)).toEqual({ status: 401, code: 'invalid_api_key' });
    expect(wrong.headers['x-ratelimit-limit']).toBe('1000');
    const right = await call(fake, 'GET', '/v1/jobs', { key: 'zf_test_sk_a' });
    expect(right.status).toBe(200);
  });

  it('answers 404 resource_missing with param id for unknown and malformed ids', async () => {
    const fake = createFake();
    for (const id of ['job_01JDQ3Z8K4M6W2T9R5X7Y1B3C5', 'nope']) {
      const res = await call(fake, 'GET', `/v1/jobs/${id}`);
      expect(errorOf(res)).toEqual({ status: 404, code: 'resource_missing', param: 'id' });
    }
  });

  it('cancels a non-terminal job once and retries it', async () => {
    const fake = createFake();
    const { body: job } = await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' } });
    const cancelled = await call(fake, 'POST', `/v1/jobs/${job.id}/cancel`);
    expect(cancelled.body).toMatchObject({ state: 'cancelled' });
    expect(cancelled.body.finished_at).not.toBeNull();
    const again = await call(fake, 'POST', `/v1/jobs/${job.id}/cancel`, { body: {} });
    expect(errorOf(again)).toEqual({ status: 409, code: 'invalid_state' });
    const retried = await call(fake, 'POST', `/v1/jobs/${job.id}/retry`);
    expect(retried.body).toMatchObject({ state: 'pending', attempts: 0, finished_at: null });
    const notFailed = await call(fake, 'POST', `/v1/jobs/${job.id}/retry`);
    expect(errorOf(notFailed)).toEqual({ status: 409, code: 'invalid_state' });
    const withParams = await call(fake, 'POST', `/v1/jobs/${job.id}/cancel`, { body: { why: 1 } });
    expect(errorOf(withParams)).toEqual({ status: 400, code: 'unknown_parameter', param: 'why' });
  });

  it('retries a failed job from the start, keeping last_error', async () => {
    const fake = createFake();
    const { body: job } = await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' } });
    fake.failJob(job.id, { message: 'boom', type: 'Error' });
    const res = await call(fake, 'POST', `/v1/jobs/${job.id}/retry`);
    expect(res.body).toMatchObject({
      state: 'pending',
      attempts: 0,
      last_error: { message: 'boom', type: 'Error' },
      started_at: null,
      finished_at: null,
      result: null,
    });
  });

  it('enforces the daily quota with 402 and rate limits with 429 + Retry-After', async () => {
    const fake = createFake({
      clock: { start: '2026-01-01T00:00:00Z' },
      quota: { jobsPerDay: 1 },
      rateLimit: { limit: 3, windowSec: 10, enforce: true },
    });
    expect((await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' } })).status).toBe(201);
    const quota = await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' } });
    expect(errorOf(quota)).toEqual({ status: 402, code: 'quota_exceeded' });
    const ok = await call(fake, 'GET', '/v1/jobs');
    expect(ok.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '0' });
    const limited = await call(fake, 'GET', '/v1/jobs');
    expect(errorOf(limited)).toEqual({ status: 429, code: 'rate_limited' });
    expect(limited.headers['retry-after']).toBe('10');
    fake.clock.advance(10_000);
    expect((await call(fake, 'GET', '/v1/jobs')).status).toBe(200);
    fake.clock.advance(86_400_000);
    expect((await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' } })).status).toBe(201);
  });
});

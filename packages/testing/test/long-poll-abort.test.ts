// Issue 14: a claim whose client goes away claims nothing (spec: claimJobs). Through the
// `node:http` server and straight through `fake.handle`; msw has its own file, the CLI process
// its test in cli.test.ts.
import type { RunningServer } from '@flare/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type AnyBody, call, KEY } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(path: string, body: object, extra: Record<string, string> = {}) {
  const res = await fetch(server!.url + path, {
    method: 'POST',
    headers: { ...headers, ...extra },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as AnyBody };
}

describe('a long poll whose client goes away', () => {
  it('over HTTP: ends without claiming, and a second client claims the next job at once', async () => {
    const fake = createFake();
    server = await fake.listen();
    const aborter = new AbortController();
    const dead = fetch(`${server.url}/v1/jobs/claim`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ queues: ['default'], wait_ms: 20_000 }),
      signal: aborter.signal,
    }).catch((error: unknown) => error);
    await sleep(100); // the poll is waiting inside the fake
    aborter.abort();
    expect((await dead) as Error).toMatchObject({ name: 'AbortError' });
    const job = (await post('/v1/jobs', { job_type: 'A' })).body;
    const t = Date.now();
    const live = await post('/v1/jobs/claim', { queues: ['default'] });
    expect(Date.now() - t).toBeLessThan(5_000); // not the dead poll's 20 s
    expect(live.body.jobs).toMatchObject([{ id: job.id, state: 'running', attempts: 1 }]);
    // The fake saw the dead poll and ended it with nothing claimed (never written: 499).
    const claims = fake.requests.filter((r) => r.path === '/v1/jobs/claim');
    expect(claims.map((r) => r.response?.status)).toEqual([499, 200]);
    expect(claims[0]!.response?.body).toMatchObject({
      error: { code: 'client_closed_request' },
    });
  });

  it('through fake.handle: an aborted claim is 499, claims nothing and frees its idempotency key', async () => {
    const fake = createFake({ clock: { start: '2026-01-01T09:00:00Z' } });
    const aborter = new AbortController();
    const request = {
      method: 'POST',
      path: '/v1/jobs/claim',
      headers: { ...headers, 'idempotency-key': 'claim-1' },
      body: JSON.stringify({ queues: ['default'], wait_ms: 20_000 }),
    };
    const pending = fake.handle({ ...request, signal: aborter.signal });
    await sleep(30);
    const t = Date.now();
    aborter.abort();
    const ended = await pending;
    expect(Date.now() - t).toBeLessThan(5_000); // not the 20 s wait
    expect(ended).toMatchObject({
      status: 499,
      body: { error: { code: 'client_closed_request' } },
    });
    const job = (await call(fake, 'POST', '/v1/jobs', { body: { job_type: 'A' } })).body;
    expect(fake.getJob(job.id)).toMatchObject({ state: 'pending', attempts: 0 });
    // Already aborted on arrival: nothing is claimed even though a job is eligible.
    const late = await fake.handle({ ...request, signal: AbortSignal.abort() });
    expect(late.status).toBe(499);
    expect(fake.getJob(job.id)).toMatchObject({ state: 'pending', attempts: 0 });
    // The key was released, so asking again with it claims afresh (no replay, no 409).
    const again = await fake.handle(request);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect((again.body as AnyBody).jobs).toMatchObject([{ id: job.id, attempts: 1 }]);
  });

  it('an answer committed but never delivered is replayed with the same Idempotency-Key', async () => {
    const fake = createFake();
    server = await fake.listen();
    const job = (await post('/v1/jobs', { job_type: 'A' })).body;
    // The claim is processed, then the connection drops before the answer arrives.
    fake.inject({ method: 'POST', path: '/v1/jobs/claim', reset: true, afterProcessing: true });
    const key = { 'idempotency-key': 'claim-7' };
    const lost = await post('/v1/jobs/claim', { queues: ['default'] }, key).catch((e) => e);
    expect(lost).toBeInstanceOf(TypeError); // fetch failed: no response
    expect((await post('/v1/jobs/claim', { queues: ['default'] })).body).toEqual({ jobs: [] });
    const replay = await post('/v1/jobs/claim', { queues: ['default'] }, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.jobs).toMatchObject([{ id: job.id, attempts: 1 }]);
    const beat = await post(`/v1/jobs/${job.id}/heartbeat`, {
      lease_id: replay.body.jobs[0].lease.id,
    });
    expect(beat.status).toBe(200); // the replayed lease is the job's current one
  });
});

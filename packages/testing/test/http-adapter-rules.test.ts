// The worker, idempotency and pagination rules, seen a second way: as raw HTTP through the fake's
// two fronts (its node:http server and its msw handlers) instead of `fake.handle`. Each rule was
// caught by a single engine-level test before; these hold it on the wire too.
import type { RunningServer } from '@flare/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEY } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const fake = createFake({ clock: { start: '2026-01-01T09:00:00Z' } });
const MSW_BASE = 'https://flare.rules.test';
const msw = setupServer(...fake.handlers(MSW_BASE));
let server: RunningServer;

beforeAll(async () => {
  server = await fake.listen();
  msw.listen({ onUnhandledRequest: 'bypass' });
});
afterEach(() => fake.reset());
afterAll(async () => {
  msw.close();
  await server.close();
});

interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response fields
  body: any;
}

type Send = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer>;

/** Raw HTTP to a front, as any client in any language would send it. */
const sender =
  (base: () => string): Send =>
  async (method, path, body, headers = {}) => {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  };

const fronts: [string, Send][] = [
  ['the node:http server', sender(() => server.url)],
  ['the msw handlers', sender(() => MSW_BASE)],
];

const code = (res: Answer) => [res.status, res.body.error?.code];

describe.each(fronts)('over %s', (_front, send) => {
  const claim = async (body: object = {}) => {
    const res = await send('POST', '/v1/jobs/claim', { queues: ['default'], ...body });
    expect(res.status).toBe(200);
    return res.body.jobs;
  };

  describe('lease_lost', () => {
    it('refuses a lease replaced by a newer claim, and leaves the job to the new holder', async () => {
      const job = (await send('POST', '/v1/jobs', { job_type: 'A' })).body;
      const [first] = await claim({ lease_seconds: 5 });
      fake.clock.advance(5_000 + 10_000); // expired, then past the 10 s backoff
      const [second] = await claim();
      expect(second.id).toBe(job.id);
      const stale = { lease_id: first.lease.id };
      const attempts: [string, object][] = [
        ['heartbeat', stale],
        ['complete', { ...stale, result: 'late' }],
        ['fail', { ...stale, error: { message: 'late' } }],
      ];
      for (const [action, body] of attempts) {
        const res = await send('POST', `/v1/jobs/${job.id}/${action}`, body);
        expect({ action, got: code(res) }).toEqual({ action, got: [409, 'lease_lost'] });
      }
      expect(fake.getJob(job.id)).toMatchObject({ state: 'running', attempts: 2, result: null });
      const done = await send('POST', `/v1/jobs/${job.id}/complete`, {
        lease_id: second.lease.id,
        result: 'ok',
      });
      expect(done.body).toMatchObject({ state: 'succeeded', result: 'ok' });
    });

    it('refuses a lease after cancel, complete and an expiry', async () => {
      const ids = [];
      for (let i = 0; i < 3; i++)
        ids.push((await send('POST', '/v1/jobs', { job_type: 'A' })).body.id);
      const [cancelled, completed, expired] = await claim({ limit: 3, lease_seconds: 5 });
      await send('POST', `/v1/jobs/${cancelled.id}/cancel`);
      await send('POST', `/v1/jobs/${completed.id}/complete`, { lease_id: completed.lease.id });
      fake.clock.advance(5_000);
      for (const j of [cancelled, completed, expired]) {
        const res = await send('POST', `/v1/jobs/${j.id}/heartbeat`, { lease_id: j.lease.id });
        expect(code(res)).toEqual([409, 'lease_lost']);
      }
      expect(fake.jobs.map((j) => j.state).sort()).toEqual(['cancelled', 'pending', 'succeeded']);
    });
  });

  describe('idempotency replay', () => {
    it('answers a repeated createJob with the stored job, marked replayed, and makes one job', async () => {
      const key = { 'idempotency-key': 'create-1' };
      const first = await send('POST', '/v1/jobs', { job_type: 'A', payload: { a: 1, b: 2 } }, key);
      // The same request as another client would serialise it.
      const again = await send('POST', '/v1/jobs', '{"payload":{"b":2,"a":1},"job_type":"A"}', key);
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(fake.jobs).toHaveLength(1);
      const other = await send('POST', '/v1/jobs', { job_type: 'B' }, key);
      expect(code(other)).toEqual([409, 'idempotency_key_reused']);
    });

    it('answers a repeated claim with the same jobs instead of claiming more', async () => {
      for (let i = 0; i < 2; i++) await send('POST', '/v1/jobs', { job_type: 'A' });
      const key = { 'idempotency-key': 'claim-1' };
      const body = { queues: ['default'] };
      const first = await send('POST', '/v1/jobs/claim', body, key);
      const again = await send('POST', '/v1/jobs/claim', body, key);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(fake.jobs.filter((j) => j.state === 'running')).toHaveLength(1);
    });

    it('does not store a failed request: the key is free again', async () => {
      const key = { 'idempotency-key': 'bad-then-good' };
      const bad = await send('POST', '/v1/jobs', { job_type: 'A', max_attempts: 0 }, key);
      expect(bad.status).toBe(400);
      const good = await send('POST', '/v1/jobs', { job_type: 'A', max_attempts: 0 }, key);
      expect(good.headers.get('idempotent-replayed')).toBeNull();
    });
  });

  describe('pagination boundaries', () => {
    /** Jobs created in the same fake millisecond (the clock is frozen), so ids break the ties. */
    const seed = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++)
        ids.push((await send('POST', '/v1/jobs', { job_type: 'A' })).body.id);
      return ids.reverse(); // newest first
    };
    const page = (query: string) => send('GET', `/v1/jobs?${query}`);

    it('exactly `limit` jobs: one page, no has_more, no cursor', async () => {
      const ids = await seed(5);
      const res = await page('limit=5');
      expect(res.body.jobs.map((j: { id: string }) => j.id)).toEqual(ids);
      expect(res.body).toMatchObject({ has_more: false, next_cursor: null });
    });

    it('`limit` + 1 jobs: a full page, then the one left, nothing repeated or skipped', async () => {
      const ids = await seed(6);
      const first = await page('limit=5');
      expect(first.body.jobs.map((j: { id: string }) => j.id)).toEqual(ids.slice(0, 5));
      expect(first.body.has_more).toBe(true);
      expect(first.body.next_cursor).toEqual(expect.any(String));
      const rest = await page(`limit=5&cursor=${encodeURIComponent(first.body.next_cursor)}`);
      expect(rest.body.jobs.map((j: { id: string }) => j.id)).toEqual(ids.slice(5));
      expect(rest.body).toMatchObject({ has_more: false, next_cursor: null });
    });

    it('walks pages of one across jobs of the same millisecond and of later ones', async () => {
      const ids = await seed(3);
      fake.clock.advance(1);
      ids.unshift(...(await seed(2)));
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 10; i++) {
        const res = await page(`limit=1${cursor && `&cursor=${encodeURIComponent(cursor)}`}`);
        seen.push(...res.body.jobs.map((j: { id: string }) => j.id));
        if (!res.body.has_more) break;
        cursor = res.body.next_cursor;
      }
      expect(seen).toEqual(ids);
    });
  });
});

describe('the node:http server writes text as UTF-8', () => {
  it('sends non-ASCII answers whole, with their byte length, and replays them byte for byte', async () => {
    const payload = { text: 'héllo — 👋 naïve', emoji: '🧪'.repeat(3) };
    const post = async () => {
      const res = await fetch(`${server.url}/v1/jobs/batch`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${KEY}`,
          'content-type': 'application/json',
          'idempotency-key': 'utf8-batch',
        },
        body: JSON.stringify({ jobs: [{ job_type: 'Unicode', payload }] }),
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { res, bytes };
    };
    const first = await post();
    expect(Number(first.res.headers.get('content-length'))).toBe(first.bytes.length);
    const text = new TextDecoder().decode(first.bytes);
    expect(first.bytes.length).toBeGreaterThan(text.length);
    expect(JSON.parse(text).results[0].job).toMatchObject({ job_type: 'Unicode', payload });
    const again = await post();
    expect(again.res.headers.get('idempotent-replayed')).toBe('true');
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });
});

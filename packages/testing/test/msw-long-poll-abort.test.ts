// Issue 14 through msw: a client that gives up on a long poll (a fetch abort, or a `node:http`
// request destroyed, as @flare/node does) leaves nothing claimed for it.
import https from 'node:https';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnyBody, KEY } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

const BASE = 'https://api.zeridion.com';
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const fake = createFake();
const server = setupServer(...fake.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(path: string, body: object): Promise<AnyBody> {
  const res = await fetch(BASE + path, { method: 'POST', headers, body: JSON.stringify(body) });
  return res.json();
}

/** Creates a job and claims from a second client: it must get the job at once. */
async function createAndClaim(): Promise<void> {
  const job = await post('/v1/jobs', { job_type: 'A' });
  const t = Date.now();
  const { jobs } = await post('/v1/jobs/claim', { queues: ['default'] });
  expect(Date.now() - t).toBeLessThan(5_000);
  expect(jobs).toMatchObject([{ id: job.id, state: 'running', attempts: 1 }]);
}

const longPoll = JSON.stringify({ queues: ['default'], wait_ms: 20_000 });
/** The statuses of the last two claims the fake answered: the dead poll's, the live one's. */
const lastTwoClaims = () =>
  fake.requests
    .filter((r) => r.path === '/v1/jobs/claim')
    .map((r) => r.response?.status)
    .slice(-2);

describe('msw: a long poll whose client goes away', () => {
  it('a fetch aborted mid-poll claims nothing', async () => {
    const aborter = new AbortController();
    const dead = fetch(`${BASE}/v1/jobs/claim`, {
      method: 'POST',
      headers,
      body: longPoll,
      signal: aborter.signal,
    }).catch((error: unknown) => error);
    await sleep(100);
    aborter.abort();
    expect((await dead) as Error).toMatchObject({ name: 'AbortError' });
    await createAndClaim();
    expect(lastTwoClaims()).toEqual([499, 200]); // 499: ended, never written
  });

  it('a node:http request destroyed mid-poll claims nothing', async () => {
    const req = https.request(`${BASE}/v1/jobs/claim`, { method: 'POST', headers });
    const closed = new Promise((resolve) => req.once('close', resolve));
    req.on('error', () => {}); // the destroy below is the point
    req.end(longPoll);
    await sleep(100);
    req.destroy();
    await closed;
    await createAndClaim();
    expect(lastTwoClaims()).toEqual([499, 200]);
  });
});

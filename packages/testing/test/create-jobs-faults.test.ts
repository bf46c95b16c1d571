// The proof of issue 15: 10,000 jobs through createJobs (the built @flare/node client) and the
// fake over real HTTP, with faults injected all through the run — answers lost after the write,
// connections reset before it, 429s, 503s, truncated bodies, an attempt that times out while the
// fake is still writing. Every item must be created exactly once, its result in its place.
import { FlareClient } from '@flare/node';
import type { FakeFlare, Fault, RunningServer } from '@flare/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFake } from './helpers/fidelity.js';

const FAULTS: Fault[] = [
  { status: 503, afterProcessing: true },
  { reset: true, afterProcessing: true },
  { reset: true },
  { status: 429, headers: { 'retry-after': '0' } },
  { status: 502, body: '<html>bad gateway</html>' },
  { truncate: true },
  // Held past the client's timeout: the retry meets the write still running (409 in progress).
  { delayMs: 2_500 },
];

let fake: FakeFlare;
let server: RunningServer;
let injected = 0;

beforeAll(async () => {
  let exchanges = 0;
  fake = createFake(
    {
      // Every third exchange arms the next fault for a later batch request, so faults land all
      // through the run and on retries as well as first tries.
      onExchange() {
        if (++exchanges % 3 === 0) {
          fake.inject({ method: 'POST', path: '/v1/jobs/batch', ...FAULTS[injected++ % 7]! });
        }
      },
    },
    { requests: true },
  );
  server = await fake.listen();
});
afterAll(() => server.close());

describe('createJobs under faults', () => {
  it('creates 10,000 jobs exactly once, results in order, and a re-run replays them', async () => {
    const flare = new FlareClient({
      apiKey: 'zf_test_sk_fake',
      baseUrl: server.url,
      // Well above a loaded machine's slowest batch, below the held request's delay.
      timeoutMs: 2_000,
      maxRetries: 12,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 1_000,
    });
    const items = Array.from({ length: 10_000 }, (_, n) => ({
      job_type: 'Fanout.Email',
      payload: { n },
      // Half the items carry their own key; the other half rely on the batch's key alone.
      ...(n % 2 ? { idempotency_key: `email-${n}` } : {}),
    }));
    const results = await flare.createJobs(items, { idempotencyKey: 'fanout-1' });
    expect(injected).toBeGreaterThan(20);
    expect(results).toHaveLength(10_000);
    results.forEach((r, n) => {
      if (!r.ok) throw new Error(`item ${n} failed: ${r.error.message}`);
      expect(r.job.payload).toEqual({ n });
    });
    expect(fake.jobs).toHaveLength(10_000);
    const seen = new Set(fake.jobs.map((j) => (j.payload as { n: number }).n));
    expect(seen.size).toBe(10_000);
    expect(new Set(results.map((r) => r.ok && r.job.id)).size).toBe(10_000);
    // Retries happened, and some answers were replays of writes whose first answer was lost.
    const batchPosts = fake.requests.filter((r) => r.path === '/v1/jobs/batch');
    expect(batchPosts.length).toBeGreaterThan(100);
    const refused = batchPosts.filter((r) => [429, 502, 503].includes(r.response?.status ?? 0));
    expect(refused.length).toBeGreaterThan(5);
    expect(batchPosts.some((r) => r.response?.headers['idempotent-replayed'] === 'true')).toBe(
      true,
    );

    // The same call again: every batch key is known, so nothing new is created.
    const again = await flare.createJobs(items, { idempotencyKey: 'fanout-1' });
    expect(fake.jobs).toHaveLength(10_000);
    expect(again.map((r) => r.ok && r.job.id)).toEqual(results.map((r) => r.ok && r.job.id));
  }, 120_000);
});

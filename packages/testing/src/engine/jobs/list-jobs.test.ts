import { describe, expect, it, vi } from 'vitest';
import { FakeFlare } from '../../fake-flare.js';
import { SortedIndex } from '../../internal/sorted-index.js';

// A page's cost, counted rather than timed: how many records the list walks to serve it. The
// seek itself is a binary search (its comparisons are counted in sorted-index.test.ts); the bench
// (`bench/fake.mjs`) holds the timing target.

const headers = { authorization: 'Bearer zf_test_sk_fake' };

function seed(fake: FakeFlare, n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const job = fake.createJob({ job_type: i % 2 ? 'Odd' : 'Even', queue: i % 3 ? 'q' : 'r' });
    if (i % 7 === 0) fake.failJob(job.id);
    ids.push(job.id);
  }
  return ids.reverse(); // newest first
}

/** Counts the records every `descending` walk yields while `run` goes. */
async function walked(run: () => Promise<unknown>): Promise<number> {
  let yielded = 0;
  const original = SortedIndex.prototype.descending;
  const spy = vi.spyOn(SortedIndex.prototype, 'descending').mockImplementation(function* (
    this: SortedIndex<unknown>,
    below?: unknown,
  ) {
    for (const item of original.call(this, below)) {
      yielded++;
      yield item;
    }
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return yielded;
}

async function page(fake: FakeFlare, query: Record<string, string>) {
  const res = await fake.handle({ method: 'GET', path: '/v1/jobs', query, headers });
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the test reads wire fields
  return res.body as any;
}

describe('listJobs walks only the page it serves', () => {
  it.each([400, 10_000])('from a cursor mid-list of %i jobs, filtered', async (n) => {
    const fake = new FakeFlare({ maxRecordedRequests: 0 });
    const ids = seed(fake, n);
    // A cursor in the middle: the last job of a page that ends there.
    const first = await page(fake, { limit: '100' });
    let cursor: string = first.next_cursor;
    for (let listed = 100; listed < n / 2; listed += 100) {
      cursor = (await page(fake, { limit: '100', cursor })).next_cursor;
    }
    const query = { limit: '20', cursor, state: 'pending' };
    let body: { jobs: { id: string; state: string }[]; has_more: boolean } | undefined;
    const count = await walked(async () => {
      body = await page(fake, query);
    });
    expect(body!.jobs).toHaveLength(20);
    expect(body!.jobs.every((j) => j.state === 'pending')).toBe(true);
    expect(ids.indexOf(body!.jobs[0]!.id)).toBeGreaterThanOrEqual(Math.floor(n / 2));
    // The pending index is the smallest that covers the filter: its 20 jobs and the one that says
    // there are more, whatever the number of jobs.
    expect(count).toBe(21);
  });

  it('walks the smallest index that covers the filters', async () => {
    const fake = new FakeFlare({ maxRecordedRequests: 0 });
    seed(fake, 2_000);
    // 286 failed jobs, 667 in queue r: failed is the index walked, queue r tested on each.
    const count = await walked(async () => {
      const body = await page(fake, { limit: '100', state: 'failed', queue: 'r' });
      expect(body.jobs.length).toBeGreaterThan(0);
      expect(body.has_more).toBe(false);
    });
    expect(count).toBe(286);
  });
});

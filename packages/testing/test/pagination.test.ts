import { describe, expect, it } from 'vitest';
import { type AnyBody, call, errorOf } from './helpers/call.js';
import { createFake } from './helpers/fidelity.js';

function seed(fake: ReturnType<typeof createFake>, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const job = fake.createJob({
      job_type: i % 2 ? 'Odd' : 'Even',
      queue: i % 3 ? 'q' : 'r',
      tags: i % 5 === 0 ? ['five'] : [],
    });
    if (i % 7 === 0) fake.failJob(job.id);
    ids.push(job.id);
  }
  return ids.reverse(); // newest first
}

async function walk(fake: ReturnType<typeof createFake>, query: Record<string, string>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const res = await call(fake, 'GET', '/v1/jobs', {
      query: { ...query, ...(cursor ? { cursor } : {}) },
    });
    expect(res.status).toBe(200);
    seen.push(...res.body.jobs.map((j: AnyBody) => j.id));
    expect(res.body.next_cursor === null).toBe(!res.body.has_more);
    if (!res.body.has_more) return seen;
    cursor = res.body.next_cursor;
  }
  throw new Error('too many pages');
}

describe('listJobs pagination', () => {
  it('walks every job newest first, in pages, with stable cursors', async () => {
    const fake = createFake();
    const ids = seed(fake, 57);
    expect(await walk(fake, { limit: '10' })).toEqual(ids);
    const first = await call(fake, 'GET', '/v1/jobs');
    expect(first.body.jobs).toHaveLength(20);
  });

  it('applies every filter alone and combined (AND)', async () => {
    const fake = createFake();
    seed(fake, 120);
    const all = fake.jobs;
    const expectFilter = async (query: Record<string, string>, keep: (j: AnyBody) => boolean) => {
      expect(await walk(fake, { ...query, limit: '7' })).toEqual(all.filter(keep).map((j) => j.id));
    };
    await expectFilter({ state: 'failed' }, (j) => j.state === 'failed');
    await expectFilter({ queue: 'r' }, (j) => j.queue === 'r');
    await expectFilter({ job_type: 'Odd' }, (j) => j.job_type === 'Odd');
    await expectFilter({ tag: 'five' }, (j) => j.tags.includes('five'));
    await expectFilter(
      { state: 'pending', queue: 'q', tag: 'five' },
      (j) => j.state === 'pending' && j.queue === 'q' && j.tags.includes('five'),
    );
    await expectFilter({ queue: 'nope' }, () => false);
  });

  it('keeps its place when jobs are added and change state between pages', async () => {
    const fake = createFake();
    const ids = seed(fake, 30);
    const page1 = await call(fake, 'GET', '/v1/jobs', { query: { limit: '10' } });
    fake.createJob({ job_type: 'New' });
    fake.completeJob(ids[16]!); // a pending job on the next page
    const page2 = await call(fake, 'GET', '/v1/jobs', {
      query: { limit: '10', cursor: page1.body.next_cursor },
    });
    expect(page2.body.jobs.map((j: AnyBody) => j.id)).toEqual(ids.slice(10, 20));
  });

  it('refuses bad queries with the param', async () => {
    const fake = createFake();
    const cases: [Record<string, string | string[]>, { code: string; param: string }][] = [
      [{ limit: '0' }, { code: 'parameter_invalid', param: 'limit' }],
      [{ limit: '101' }, { code: 'parameter_invalid', param: 'limit' }],
      [{ limit: '2.5' }, { code: 'parameter_invalid', param: 'limit' }],
      [{ state: 'done' }, { code: 'parameter_invalid', param: 'state' }],
      [{ cursor: 'forged' }, { code: 'parameter_invalid', param: 'cursor' }],
      [{ tag: 'x'.repeat(65) }, { code: 'parameter_invalid', param: 'tag' }],
      [{ sort: 'asc' }, { code: 'unknown_parameter', param: 'sort' }],
      [{ state: ['failed', 'pending'] }, { code: 'parameter_invalid', param: 'state' }],
    ];
    for (const [query, expected] of cases) {
      expect(errorOf(await call(fake, 'GET', '/v1/jobs', { query }))).toEqual({
        status: 400,
        ...expected,
      });
    }
  });
});

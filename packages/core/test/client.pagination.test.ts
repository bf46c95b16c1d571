import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { FlareClient, type Job, type JobPage } from '../src/index.js';
import { BASE, job, KEY } from './helpers.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

const flare = new FlareClient({ apiKey: KEY, baseUrl: BASE, retryBaseDelayMs: 1 });

/** 7 jobs, newest first, served `limit` at a time with opaque cursors. */
function serveJobs() {
  const all = Array.from({ length: 7 }, (_, i) => job({ id: `job_${7 - i}` }));
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${BASE}/v1/jobs`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      queries.push(q);
      const limit = Number(q.get('limit') ?? 20);
      const start = q.get('cursor') ? Number(atob(q.get('cursor')!)) : 0;
      const jobs = all.slice(start, start + limit);
      const hasMore = start + limit < all.length;
      return HttpResponse.json({
        jobs,
        has_more: hasMore,
        next_cursor: hasMore ? btoa(String(start + limit)) : null,
      });
    }),
  );
  return { all, queries };
}

describe('listJobs', () => {
  it('awaits to one plain page and passes filters as query parameters', async () => {
    const { queries } = serveJobs();
    const page: JobPage = await flare.listJobs({
      state: 'failed',
      queue: 'q',
      job_type: 'T',
      tag: 'x',
      limit: 3,
    });
    expect(Object.keys(page).sort()).toEqual(['has_more', 'jobs', 'next_cursor']);
    expect(page.jobs.map((j) => j.id)).toEqual(['job_7', 'job_6', 'job_5']);
    expect(page.has_more).toBe(true);
    expect(Object.fromEntries(queries[0]!)).toEqual({
      state: 'failed',
      queue: 'q',
      job_type: 'T',
      tag: 'x',
      limit: '3',
    });
  });

  it('for await walks every job of every page, lazily', async () => {
    const { all, queries } = serveJobs();
    const ids: string[] = [];
    for await (const j of flare.listJobs({ limit: 3 })) {
      ids.push(j.id);
      if (ids.length === 3) expect(queries).toHaveLength(1);
    }
    expect(ids).toEqual(all.map((j) => j.id));
    expect(queries.map((q) => q.get('cursor'))).toEqual([null, btoa('3'), btoa('6')]);
    expect(queries.every((q) => q.get('limit') === '3')).toBe(true);
  });

  it('pages() walks page by page and stops when has_more is false', async () => {
    serveJobs();
    const sizes: number[] = [];
    for await (const page of flare.listJobs({ limit: 5 }).pages()) sizes.push(page.jobs.length);
    expect(sizes).toEqual([5, 2]);
  });

  it('breaking out of the loop fetches no further page', async () => {
    const { queries } = serveJobs();
    for await (const j of flare.listJobs({ limit: 2 })) {
      if (j.id === 'job_6') break;
    }
    expect(queries).toHaveLength(1);
  });

  it('continues from a cursor and types payloads', async () => {
    serveJobs();
    const first = await flare.listJobs({ limit: 4 });
    const second = await flare.listJobs<{ email: string }>({
      limit: 4,
      cursor: first.next_cursor!,
    });
    const typed: Job<{ email: string }>[] = second.jobs;
    expect(typed.map((j) => j.id)).toEqual(['job_3', 'job_2', 'job_1']);
    expect(second.next_cursor).toBeNull();
  });

  it('withResponse gives the first page with its request id', async () => {
    server.use(
      http.get(`${BASE}/v1/jobs`, () =>
        HttpResponse.json(
          { jobs: [], has_more: false, next_cursor: null },
          { headers: { 'x-request-id': 'req_l' } },
        ),
      ),
    );
    const { data, requestId } = await flare.listJobs().withResponse();
    expect(data.jobs).toEqual([]);
    expect(requestId).toBe('req_l');
  });
});

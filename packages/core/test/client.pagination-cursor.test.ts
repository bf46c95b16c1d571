// A server that repeats a cursor must not turn `for await` into an endless loop (or a stream of
// duplicate items): iteration stops with a FlareError (`cursor_repeated`) instead.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { FlareClient, FlareError } from '../src/index.js';
import { BASE, job, KEY } from './helpers.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();
const flare = new FlareClient({ apiKey: KEY, baseUrl: BASE });

/** Answers each cursor (`''` for none) with `{ next, id }`, recording the cursors asked for. */
function serve(path: '/v1/jobs' | '/v1/schedules', pages: Record<string, string | null>) {
  const asked: string[] = [];
  server.use(
    http.get(`${BASE}${path}`, ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
      asked.push(cursor);
      if (asked.length > 10) throw new Error('looping');
      const next = pages[cursor] ?? null;
      const items = [job({ id: `item_${asked.length}` })];
      return HttpResponse.json({
        [path === '/v1/jobs' ? 'jobs' : 'schedules']: items,
        has_more: next !== null,
        next_cursor: next,
      });
    }),
  );
  return asked;
}

async function drain(list: AsyncIterable<unknown>): Promise<{ items: number; error: unknown }> {
  let items = 0;
  try {
    for await (const _ of list) items++;
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

describe('a repeated cursor', () => {
  it('stops listJobs when a page answers with the cursor it was asked with', async () => {
    const asked = serve('/v1/jobs', { '': 'c1', c1: 'c1' });
    const { items, error } = await drain(flare.listJobs());
    expect(asked).toEqual(['', 'c1']);
    expect(items).toBe(2);
    expect(FlareError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'cursor_repeated', isRetryable: false });
    expect((error as Error).message).toBe('Flare repeated cursor c1: listing stopped');
  });

  it('stops when the first page answers with the cursor the caller passed', async () => {
    const asked = serve('/v1/jobs', { c7: 'c7' });
    const { items, error } = await drain(flare.listJobs({ cursor: 'c7' }).pages());
    expect(asked).toEqual(['c7']);
    expect(items).toBe(1);
    expect(error).toMatchObject({ name: 'FlareError', code: 'cursor_repeated' });
  });

  it('stops listSchedules the same way', async () => {
    const asked = serve('/v1/schedules', { '': 's1', s1: 's2', s2: 's2' });
    const { items, error } = await drain(flare.listSchedules());
    expect(asked).toEqual(['', 's1', 's2']);
    expect(items).toBe(3);
    expect(error).toMatchObject({ code: 'cursor_repeated' });
  });

  it('still walks distinct cursors to the end, and each pages() walk starts afresh', async () => {
    const asked = serve('/v1/jobs', { '': 'a', a: 'b', b: null });
    const list = flare.listJobs();
    expect((await drain(list)).items).toBe(3);
    expect((await drain(list)).items).toBe(3);
    expect(asked).toEqual(['', 'a', 'b', 'a', 'b']);
  });
});

// createJobs: batching, order, per-item typed results, bounded concurrency, request-level
// failures and the batch requests' idempotency keys, against msw.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthError, ConflictError, defineJob, QuotaError, ValidationError } from '../src/index.js';
import { apiError, BASE, job, rejection } from './helpers.js';
import { client } from './msw-client.js';
import { useMswServer } from './msw-server.js';

const server = useMswServer();

/** A batch entry's failure: its status and the usual error object. */
const failed = (status: number, code: string, param?: string) => ({
  status,
  error: {
    type: 'x',
    code,
    message: `${code} (test)`,
    request_id: 'req_item',
    ...(param && { param }),
  },
});

type Item = { job_type: string; payload?: { n: number }; idempotency_key?: string };
const items = (count: number): Item[] =>
  Array.from({ length: count }, (_, n) => ({ job_type: 'A', payload: { n } }));

/** A batch endpoint that creates every item whose payload.n is not in `refuse`. */
function batchServer(seen: { jobs: Item[]; key: string | null }[], refuse = new Set<number>()) {
  let inFlight = 0;
  const peak = { value: 0 };
  server.use(
    http.post(`${BASE}/v1/jobs/batch`, async ({ request }) => {
      inFlight++;
      peak.value = Math.max(peak.value, inFlight);
      const body = (await request.json()) as { jobs: Item[] };
      seen.push({ jobs: body.jobs, key: request.headers.get('idempotency-key') });
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      const results = body.jobs.map((item) =>
        refuse.has(item.payload!.n)
          ? failed(400, 'parameter_invalid', 'job_type')
          : { status: 201, job: job({ payload: item.payload }), replayed: false },
      );
      return HttpResponse.json({ results }, { headers: { 'x-request-id': 'req_batch' } });
    }),
  );
  return peak;
}

describe('createJobs', () => {
  it('sends batches of 100, at most `concurrency` at once, and keeps the items’ order', async () => {
    const seen: { jobs: Item[]; key: string | null }[] = [];
    const peak = batchServer(seen, new Set([7, 230]));
    const results = await client().createJobs(items(250), { concurrency: 2 });
    expect(seen.map((s) => s.jobs.length).sort()).toEqual([100, 100, 50]);
    expect(peak.value).toBeLessThanOrEqual(2);
    expect(results).toHaveLength(250);
    results.forEach((r, n) => {
      if (n === 7 || n === 230) {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(ValidationError.isInstance(r.error)).toBe(true);
          expect(r.error).toMatchObject({ status: 400, param: 'job_type', requestId: 'req_batch' });
        }
      } else {
        expect(r).toMatchObject({ ok: true, replayed: false, job: { payload: { n } } });
      }
    });
    expect(new Set(seen.map((s) => s.key)).size).toBe(3);
  });

  it('has 8 batches in flight by default', async () => {
    const seen: { jobs: Item[]; key: string | null }[] = [];
    const peak = batchServer(seen);
    const results = await client().createJobs(items(1_000));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(seen).toHaveLength(10);
    expect(peak.value).toBe(8);
  });

  it('builds each item’s error with the HTTP error factory: one typed class per status', async () => {
    server.use(
      http.post(`${BASE}/v1/jobs/batch`, () =>
        HttpResponse.json({
          results: [
            failed(402, 'quota_exceeded'),
            failed(409, 'idempotency_key_reused'),
            { status: 201, job: job(), replayed: true },
          ],
        }),
      ),
    );
    const [quota, reused, replay] = await client().createJobs([
      { job_type: 'A' },
      { job_type: 'A', idempotency_key: 'k' },
      { job_type: 'A', idempotency_key: 'j' },
    ]);
    expect(!quota!.ok && QuotaError.isInstance(quota!.error)).toBe(true);
    expect(!reused!.ok && ConflictError.isInstance(reused!.error)).toBe(true);
    expect(!reused!.ok && reused!.error.code).toBe('idempotency_key_reused');
    expect(replay).toMatchObject({ ok: true, replayed: true });
  });

  it('gives an unsendable item its own ValidationError and sends the others', async () => {
    const seen: { jobs: Item[]; key: string | null }[] = [];
    batchServer(seen);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const results = await client().createJobs([
      { job_type: 'A', payload: { n: 0 } },
      'nope' as never,
      { job_type: 'A', payload: cycle as never },
      { job_type: 'A', payload: { n: 3 }, run_at: new Date(Number.NaN) },
      { job_type: 'A', payload: { n: 4 } },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false, true]);
    for (const r of results.slice(1, 4)) {
      expect(!r.ok && ValidationError.isInstance(r.error)).toBe(true);
    }
    expect(seen.flatMap((s) => s.jobs.map((j) => j.payload!.n))).toEqual([0, 4]);
  });

  it('keeps each batch’s Idempotency-Key across its retries; a caller’s key becomes <key>:<i>', async () => {
    const keys: (string | null)[] = [];
    let calls = 0;
    server.use(
      http.post(`${BASE}/v1/jobs/batch`, async ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        const body = (await request.json()) as { jobs: Item[] };
        if (++calls % 2 === 1) return apiError(503, 'api_error', 'service_unavailable');
        const results = body.jobs.map(() => ({ status: 201, job: job(), replayed: false }));
        return HttpResponse.json({ results });
      }),
    );
    await client().createJobs(items(150), { concurrency: 1, idempotencyKey: 'fanout-7' });
    expect(keys).toEqual(['fanout-7:0', 'fanout-7:0', 'fanout-7:1', 'fanout-7:1']);
    keys.length = 0;
    await client().createJobs(items(1));
    expect(keys[0]).toMatch(/^flare-/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('rejects on a request-level failure, starts no further batch and settles in-flight ones first', async () => {
    const started: number[] = [];
    let finished = 0;
    server.use(
      http.post(`${BASE}/v1/jobs/batch`, async ({ request }) => {
        const body = (await request.json()) as { jobs: Item[] };
        const first = body.jobs[0]!.payload!.n;
        started.push(first);
        if (first === 0) return apiError(401, 'authentication_error', 'invalid_api_key');
        await new Promise((r) => setTimeout(r, 30));
        finished++;
        const results = body.jobs.map(() => ({ status: 201, job: job(), replayed: false }));
        return HttpResponse.json({ results });
      }),
    );
    const error = await rejection(client().createJobs(items(500), { concurrency: 2 }));
    expect(AuthError.isInstance(error)).toBe(true);
    expect(started.sort((a, b) => a - b)).toEqual([0, 100]);
    expect(finished).toBe(1);
  });

  it('checks typed items with their own definitions: a bad payload is that item’s ValidationError, unsent', async () => {
    const seen: { jobs: Item[]; key: string | null }[] = [];
    batchServer(seen);
    const welcome = defineJob({
      type: 'SendWelcomeEmail',
      payload: z.object({ n: z.number(), email: z.email() }),
    });
    const digest = defineJob({ type: 'Digest', payload: z.object({ n: z.number() }) });
    const results = await client().createJobs([
      { job: welcome, payload: { n: 0, email: 'a@example.com' }, idempotency_key: 'w-0' },
      { job: welcome, payload: { n: 1, email: 'not an email' } },
      { job: digest, payload: { n: 2 } },
      { job: digest, payload: { n: 'three' } as never },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false]);
    const [, badEmail, , badN] = results;
    expect(!badEmail!.ok && badEmail!.error).toMatchObject({
      name: 'ValidationError',
      param: 'payload.email',
    });
    expect(!badN!.ok && badN!.error).toMatchObject({ name: 'ValidationError', param: 'payload.n' });
    // Only the valid items went, as wire params: job_type from the definition, key kept.
    expect(seen.flatMap((s) => s.jobs)).toEqual([
      {
        job_type: 'SendWelcomeEmail',
        payload: { n: 0, email: 'a@example.com' },
        idempotency_key: 'w-0',
      },
      { job_type: 'Digest', payload: { n: 2 } },
    ]);
    const notADefinition = await client().createJobs([{ job: {}, payload: {} }] as never);
    expect(!notADefinition[0]!.ok && notADefinition[0]!.error).toMatchObject({ param: 'job' });
  });

  it('checks its arguments and sends nothing for no items', async () => {
    const flare = client();
    expect(await flare.createJobs([])).toEqual([]);
    for (const concurrency of [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      const error = await rejection(flare.createJobs(items(1), { concurrency }));
      expect(error).toMatchObject({ name: 'ValidationError', param: 'concurrency' });
    }
    // The key of batch b is `<idempotencyKey>:<b>`: anything but a short printable string is refused.
    for (const idempotencyKey of [{}, 7, '', 'k'.repeat(251), 'caf\u00e9']) {
      const error = await rejection(flare.createJobs(items(1), { idempotencyKey } as never));
      expect(error).toMatchObject({ name: 'ValidationError', param: 'idempotencyKey' });
    }
    const error = await rejection(flare.createJobs({} as never));
    expect(error).toMatchObject({ name: 'ValidationError', param: 'items' });
    // A misspelt option is refused by the batch request, before anything is sent.
    const typo = await rejection(flare.createJobs(items(1), { concurency: 2 } as never));
    expect(typo).toMatchObject({ name: 'ValidationError', param: 'concurency' });
  });

  it('batches items by position: the same batches on a re-run; a fixed item changes its batch alone', async () => {
    const seen: { jobs: Item[]; key: string | null }[] = [];
    batchServer(seen);
    // Items 3 and 7 cannot be serialised: each is its own ValidationError, never sent.
    const list: Item[] = items(202);
    for (const n of [3, 7]) list[n] = { job_type: 'A', payload: { n: 10n } as never };
    const results = await client().createJobs(list, { idempotencyKey: 'fanout-9' });
    expect(results.filter((r) => !r.ok).length).toBe(2);
    expect(!results[3]!.ok && results[3]!.error).toMatchObject({ param: 'payload' });
    expect(results.map((r) => r.ok && (r.job.payload as { n: number }).n)).toEqual(
      list.map((item, n) => (n === 3 || n === 7 ? false : item.payload!.n)),
    );
    // Batch b holds items 100b to 100b + 99, less the ones that failed their checks.
    const batches = () => seen.map((s) => [s.key, s.jobs.map((j) => j.payload!.n)] as const);
    const range = (from: number, to: number) =>
      items(to)
        .slice(from)
        .map((i) => i.payload!.n);
    const sent = [
      ['fanout-9:0', range(0, 100).filter((n) => n !== 3 && n !== 7)],
      ['fanout-9:1', range(100, 200)],
      ['fanout-9:2', [200, 201]],
    ];
    expect(batches().sort()).toEqual(sent);
    // Fixing item 3 changes batch 0 alone: every other key still names the same items.
    seen.length = 0;
    list[3] = { job_type: 'A', payload: { n: 3 } };
    await client().createJobs(list, { idempotencyKey: 'fanout-9' });
    expect(batches().sort()).toEqual([
      ['fanout-9:0', range(0, 100).filter((n) => n !== 7)],
      ...sent.slice(1),
    ]);
  });

  it('sends a batch as soon as its own items are checked, not after every item', async () => {
    const log: string[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs/batch`, async ({ request }) => {
        const body = (await request.json()) as { jobs: Item[] };
        log.push(`send ${body.jobs[0]!.payload!.n}`);
        const results = body.jobs.map(() => ({ status: 201, job: job(), replayed: false }));
        return HttpResponse.json({ results });
      }),
    );
    const counted = defineJob({
      type: 'Counted',
      payload: {
        '~standard': {
          version: 1,
          vendor: 'test',
          validate: (value: unknown) => {
            const { n } = value as { n: number };
            if (n % 100 === 0) log.push(`check ${n}`);
            return { value };
          },
        },
      } as never,
    });
    const list = Array.from({ length: 250 }, (_, n) => ({ job: counted, payload: { n } }));
    const results = await client().createJobs(list as never, { concurrency: 1 });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(log).toEqual(['check 0', 'send 0', 'check 100', 'send 100', 'check 200', 'send 200']);
  });

  it('does not send a batch whose items were still being checked when another batch failed', async () => {
    const sent: number[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs/batch`, async ({ request }) => {
        const body = (await request.json()) as { jobs: Item[] };
        sent.push(body.jobs[0]!.payload!.n);
        return apiError(401, 'authentication_error', 'invalid_api_key');
      }),
    );
    let release = () => {};
    const slow = new Promise<void>((r) => {
      release = r;
    });
    const gated = defineJob({
      type: 'Gated',
      payload: {
        '~standard': {
          version: 1,
          vendor: 'test',
          // Batch 1's first item waits until batch 0 has failed.
          validate: async (value: unknown) => {
            if ((value as { n: number }).n === 100) await slow;
            return { value };
          },
        },
      } as never,
    });
    const list = Array.from({ length: 200 }, (_, n) => ({ job: gated, payload: { n } }));
    // Batch 0's failure is reported (the hook), then, a task later, batch 1's check finishes.
    const flare = client({ maxRetries: 0, hooks: { onError: () => setTimeout(release) } });
    const error = await rejection(flare.createJobs(list as never, { concurrency: 2 }));
    expect(AuthError.isInstance(error)).toBe(true);
    expect(sent).toEqual([0]);
  });
});

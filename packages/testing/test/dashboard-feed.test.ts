// The dashboard's server side without a browser: the per-job history, the change feed as
// server-sent events, the read models and the drivers behind its controls.
import { FakeFlare, type RunningServer } from '@flare/testing';
import { afterEach, describe, expect, it } from 'vitest';

const KEY = 'zf_test_sk_fake';
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(path: string, body: unknown, auth = true): Promise<Response> {
  return fetch(server!.url + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth && { authorization: `Bearer ${KEY}` }),
    },
    body: JSON.stringify(body),
  });
}

async function detail(id: string): Promise<{ history: { kind: string; [k: string]: unknown }[] }> {
  return (await fetch(`${server!.url}/_fake/ui/api/jobs/${id}`)).json() as never;
}

describe('the job history behind the timeline', () => {
  it('records claim, heartbeat, failed attempt, release and success with the worker id', async () => {
    const fake = new FakeFlare({ clock: { start: '2026-01-01T00:00:00Z' } });
    server = await fake.listen({ quiet: true });
    const job = fake.createJob({ job_type: 'T', max_attempts: 3 });
    const claim = async () => {
      const res = await post('/v1/jobs/claim', { queues: ['default'], worker_id: 'w-1' });
      return ((await res.json()) as { jobs: { lease: { id: string } }[] }).jobs[0]!.lease.id;
    };
    let lease = await claim();
    await post(`/v1/jobs/${job.id}/heartbeat`, { lease_id: lease, progress: { percent: 50 } });
    await post(`/v1/jobs/${job.id}/release`, { lease_id: lease });
    lease = await claim();
    await post(`/v1/jobs/${job.id}/fail`, {
      lease_id: lease,
      error: { message: 'boom', type: 'E' },
      retryable: true,
      retry_in_ms: 1000,
    });
    fake.clock.advance(1000);
    lease = await claim();
    await post(`/v1/jobs/${job.id}/complete`, { lease_id: lease, result: { ok: true } });
    const { history } = await detail(job.id);
    expect(history.map((e) => e.kind)).toEqual([
      'created',
      'claimed',
      'heartbeat',
      'released',
      'claimed',
      'attempt_failed',
      'claimed',
      'succeeded',
    ]);
    expect(history[1]).toMatchObject({ worker_id: 'w-1', attempt: 1 });
    expect(history[2]).toMatchObject({
      worker_id: 'w-1',
      progress: { percent: 50, message: null },
    });
    expect(history[5]).toMatchObject({
      attempt: 1,
      error: { message: 'boom', type: 'E' },
      run_at: '2026-01-01T00:00:01.000Z',
    });
    expect(history[7]).toMatchObject({ kind: 'succeeded', worker_id: 'w-1' });
  });

  it('dates a lease expiry at the expiry and names the schedule tick that created a job', async () => {
    const fake = new FakeFlare({ clock: { start: '2026-01-05T08:59:00Z' } });
    server = await fake.listen({ quiet: true });
    await post('/v1/schedules', { cron: '0 9 * * *', timezone: 'UTC', job_type: 'Daily' });
    fake.clock.advance(60_000);
    const [job] = fake.jobs;
    const created = await detail(job!.id);
    expect(created.history[0]).toMatchObject({
      kind: 'created',
      tick_at: '2026-01-05T09:00:00.000Z',
      schedule_id: expect.stringMatching(/^sch_/),
    });
    fake.startJob(job!.id, { leaseSeconds: 5 });
    fake.clock.advance(10_000);
    const { history } = await detail(job!.id);
    expect(history.at(-1)).toMatchObject({
      kind: 'lease_expired',
      at: '2026-01-05T09:00:05.000Z',
      worker_id: null,
    });
  });

  it('keeps at most 200 entries, dropping the oldest heartbeats first', async () => {
    const fake = new FakeFlare();
    server = await fake.listen({ quiet: true });
    const job = fake.createJob({ job_type: 'Long' });
    const res = await post('/v1/jobs/claim', { queues: ['default'] });
    const lease = ((await res.json()) as { jobs: { lease: { id: string } }[] }).jobs[0]!.lease.id;
    for (let i = 0; i < 250; i++) {
      await post(`/v1/jobs/${job.id}/heartbeat`, {
        lease_id: lease,
        progress: { percent: i % 100 },
      });
    }
    const { history } = await detail(job.id);
    expect(history).toHaveLength(200);
    expect(history.slice(0, 2).map((e) => e.kind)).toEqual(['created', 'claimed']);
    expect(history.at(-1)).toMatchObject({ kind: 'heartbeat', progress: { percent: 49 } });
  });
});

describe('the change feed over server-sent events', () => {
  it('streams a change for each job event, webhook and request, then stops on close', async () => {
    const fake = new FakeFlare();
    server = await fake.listen({ quiet: true });
    const controller = new AbortController();
    const res = await fetch(`${server.url}/_fake/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const job = fake.createJob({ job_type: 'T' });
    fake.completeJob(job.id);
    await post('/v1/jobs', { job_type: 'Api' });
    while (!text.includes('"kind":"request"')) text += (await reader.read()).value ?? '';
    controller.abort();
    expect(text.startsWith('retry: 1000\n\n')).toBe(true);
    const changes = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
    expect(changes.slice(0, 4)).toEqual([
      { kind: 'job', id: job.id, event: 'created' },
      { kind: 'job', id: job.id, event: 'claimed' },
      { kind: 'job', id: job.id, event: 'succeeded' },
      { kind: 'webhook', id: fake.webhooks[0]!.event.id },
    ]);
    expect(changes).toContainEqual({ kind: 'request' });
  });
});

describe('the read models and the controls behind the page', () => {
  it('lists jobs exactly like the API, with the same filters and errors', async () => {
    const fake = new FakeFlare();
    server = await fake.listen({ quiet: true });
    for (let i = 0; i < 3; i++) fake.createJob({ job_type: 'A', tags: ['x'] });
    fake.createJob({ job_type: 'B', queue: 'q' });
    const page = (await (await fetch(`${server.url}/_fake/ui/api/jobs?tag=x&limit=2`)).json()) as {
      jobs: unknown[];
      has_more: boolean;
    };
    expect(page.jobs).toHaveLength(2);
    expect(page.has_more).toBe(true);
    const bad = await fetch(`${server.url}/_fake/ui/api/jobs?state=nope`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('state');
    expect((await fetch(`${server.url}/_fake/ui/api/jobs/job_nope`)).status).toBe(404);
  });

  it('lists workers by the worker_id of their claims, holding a job or not', async () => {
    const fake = new FakeFlare({ clock: { start: '2026-01-01T00:00:00Z' } });
    server = await fake.listen({ quiet: true });
    const job = fake.createJob({ job_type: 'T' });
    await post('/v1/jobs/claim', { queues: ['default'], worker_id: 'busy' });
    await post('/v1/jobs/claim', { queues: ['default', 'other'], worker_id: 'idle' });
    fake.startJob(fake.createJob({ job_type: 'U' }).id); // a driver's claim names no worker
    const { workers } = (await (await fetch(`${server.url}/_fake/ui/api/workers`)).json()) as {
      workers: { worker_id: string | null; queues: string[]; jobs: { job: { id: string } }[] }[];
    };
    expect(workers.map((w) => [w.worker_id, w.queues, w.jobs.length])).toEqual([
      ['idle', ['default', 'other'], 0],
      ['busy', ['default'], 1],
      [null, [], 1],
    ]);
    expect(workers[1]!.jobs[0]!.job.id).toBe(job.id);
    fake.reset();
    const after = (await (await fetch(`${server.url}/_fake/ui/api/workers`)).json()) as {
      workers: unknown[];
    };
    expect(after.workers).toEqual([]);
  });

  it('retries a job and redelivers a webhook through the control API, with clear errors', async () => {
    let status = 500;
    const fake = new FakeFlare({
      webhooks: { endpoint: () => new Response(null, { status }), maxAttempts: 1 },
    });
    server = await fake.listen({ quiet: true });
    const job = fake.createJob({ job_type: 'T' });
    expect(
      (
        (await (await post(`/_fake/jobs/${job.id}/retry`, {}, false)).json()) as {
          error: string;
        }
      ).error,
    ).toMatch(/only failed or cancelled jobs can be retried/);
    fake.failJob(job.id);
    expect(fake.retryJob(job.id)).toMatchObject({ state: 'pending', attempts: 0 });
    await fake.webhooksSettled();
    const [hook] = fake.webhooks;
    expect(hook!.status).toBe('failed');
    status = 200;
    const res = await post(`/_fake/webhooks/${hook!.event.id}/redeliver`, {}, false);
    expect(res.status).toBe(202);
    await fake.webhooksSettled();
    expect(fake.webhooks[0]).toMatchObject({ status: 'delivered' });
    expect(fake.webhooks[0]!.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(() => fake.redeliverWebhook('evt_nope')).toThrow(/no webhook event evt_nope/);
    const collecting = new FakeFlare();
    collecting.failJob(collecting.createJob({ job_type: 'T' }).id);
    expect(() => collecting.redeliverWebhook(collecting.webhooks[0]!.event.id)).toThrow(
      /no webhook url or endpoint is configured/,
    );
  });

  it('serves the page with a policy that lets nothing else load, and prints its address', async () => {
    const fake = new FakeFlare();
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      server = await fake.listen();
    } finally {
      console.log = log;
    }
    expect(lines).toEqual([`Dashboard: ${server.url}/_fake/ui`]);
    expect(server.dashboardUrl).toBe(`${server.url}/_fake/ui`);
    const res = await fetch(server.dashboardUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

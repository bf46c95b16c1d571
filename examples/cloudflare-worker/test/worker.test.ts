import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FakeFlare, fixtures, signWebhook } from '@flare/testing';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'whsec_example_worker_secret';
// The Worker talks to @flare/testing's fake over real HTTP, from inside workerd.
const fake = new FakeFlare({ apiKeys: ['zf_test_sk_worker'] });
let server: Awaited<ReturnType<FakeFlare['listen']>>;
let worker: Miniflare;

/** A webhook as Flare sends it: a contract event, its raw body and its signature header. */
function signedEvent(secret: string) {
  const body = JSON.stringify(
    fixtures.event('job.succeeded', fixtures.job({ state: 'succeeded' })),
  );
  return { body, header: signWebhook({ payload: body, secret }) };
}

beforeAll(async () => {
  server = await fake.listen({ port: 0, host: '127.0.0.1' });
  // Bundle like wrangler does for Workers; `neutral` fails on any Node built-in.
  const { outputFiles } = await build({
    entryPoints: ['src/index.ts'],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    logLevel: 'silent',
  });
  const toml = readFileSync(`${root}/wrangler.toml`, 'utf8');
  worker = new Miniflare({
    modules: [{ type: 'ESModule', path: 'index.js', contents: outputFiles[0]!.text }],
    // The deployed settings: wrangler.toml's date, and no compatibility flags (no nodejs_compat).
    compatibilityDate: /^compatibility_date = "(.+)"$/m.exec(toml)![1]!,
    compatibilityFlags: [],
    bindings: {
      FLARE_API_KEY: 'zf_test_sk_worker',
      FLARE_WEBHOOK_SECRET: SECRET,
      FLARE_BASE_URL: server.url,
    },
  });
});

afterAll(async () => {
  await worker?.dispose();
  await server?.close();
});

const welcomeKey = (email: string) => `welcome-${createHash('sha256').update(email).digest('hex')}`;

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  worker.dispatchFetch(`https://example.workers.dev${path}`, { method: 'POST', body, headers });

describe('the example Worker in workerd', () => {
  it('enqueues a welcome email with the env key and an idempotency key', async () => {
    const response = await post('/signups', JSON.stringify({ email: 'ada@example.com' }));
    expect(response.status).toBe(202);
    const answer = (await response.json()) as { job_id: string; state: string };
    expect(answer.state).toBe('pending');
    expect(fake.jobs.map((job) => job.id)).toContain(answer.job_id);
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe('/v1/jobs');
    expect(sent.headers.authorization).toBe('Bearer zf_test_sk_worker');
    expect(sent.headers['idempotency-key']).toBe(welcomeKey('ada@example.com'));
    expect(sent.headers['x-flare-client']).toMatch(/ workerd$/);
    expect(sent.body).toEqual({
      job_type: 'SendWelcomeEmail',
      payload: { email: 'ada@example.com' },
    });
  });

  it('answers 400, and enqueues nothing, to a body that is not { "email": "…" }', async () => {
    const before = fake.jobs.length;
    const long = `${'a'.repeat(250)}@example.com`;
    for (const body of [
      '{}',
      'not json',
      'null',
      '42',
      '{"email":7}',
      '{"email":"ada"}',
      `{"email":"${long}"}`,
    ]) {
      const response = await post('/signups', body);
      expect(response.status, body).toBe(400);
      expect(await response.json()).toEqual({ error: 'a JSON body { "email": "…" } is required' });
    }
    expect(fake.jobs.length).toBe(before);
  });

  it('enqueues a signup whose address is not ASCII, once however often it is retried', async () => {
    const email = 'josé.müller@example.com';
    const first = await post('/signups', JSON.stringify({ email }));
    const again = await post('/signups', JSON.stringify({ email }));
    expect([first.status, again.status]).toEqual([202, 202]);
    const ids = [await first.json(), await again.json()].map(
      (a) => (a as { job_id: string }).job_id,
    );
    expect(ids[1]).toBe(ids[0]);
    expect(fake.requests.at(-1)!.headers['idempotency-key']).toBe(welcomeKey(email));
    expect(fake.jobs.find((job) => job.id === ids[0])!.payload).toEqual({ email });
  });

  it('accepts a webhook signed with the endpoint secret', async () => {
    const { body, header } = signedEvent(SECRET);
    const response = await post('/webhooks/flare', body, { 'zeridion-signature': header });
    expect(response.status).toBe(204);
  });

  it('rejects a forged, tampered or unsigned webhook with the reason', async () => {
    const forged = signedEvent('whsec_someone_else');
    const genuine = signedEvent(SECRET);
    const cases = [
      [forged.body, { 'zeridion-signature': forged.header }, 'no_matching_signature'],
      [`${genuine.body} `, { 'zeridion-signature': genuine.header }, 'no_matching_signature'],
      [genuine.body, {}, 'missing_header'],
    ] as const;
    for (const [body, headers, reason] of cases) {
      const response = await post('/webhooks/flare', body, headers);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe(reason);
    }
  });

  it('answers 404 elsewhere', async () => {
    expect((await worker.dispatchFetch('https://example.workers.dev/')).status).toBe(404);
  });

  it('drains the queued welcome emails from its Cron Trigger', async () => {
    const ids = ['ada@example.com', 'grace@example.com'].map(
      (email) => fake.createJob({ job_type: 'SendWelcomeEmail', payload: { email } }).id,
    );
    // Miniflare's Fetcher has scheduled(); the Fetch-only typing here does not list it.
    const fetcher = (await worker.getWorker()) as unknown as {
      scheduled(options: { cron: string }): Promise<{ outcome: string }>;
    };
    const result = await fetcher.scheduled({ cron: '* * * * *' });
    expect(result.outcome).toBe('ok');
    for (const [i, id] of ids.entries()) {
      expect(fake.getJob(id)).toMatchObject({
        state: 'succeeded',
        result: { delivered_to: ['ada@example.com', 'grace@example.com'][i], idempotency_key: id },
      });
    }
    const claims = fake.requests.filter((r) => r.path === '/v1/jobs/claim');
    expect(claims.at(-1)!.body).toMatchObject({ wait_ms: 0, job_types: ['SendWelcomeEmail'] });
  });
});

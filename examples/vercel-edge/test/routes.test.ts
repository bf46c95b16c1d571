import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { EdgeVM } from '@edge-runtime/vm';
import { FakeFlare, fixtures, signWebhook } from '@flare/testing';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SECRET = 'whsec_example_vercel_secret';
// The routes talk to @flare/testing's fake over real HTTP, from inside the edge runtime.
const fake = new FakeFlare({ apiKeys: ['zf_test_sk_vercel'] });
let server: Awaited<ReturnType<FakeFlare['listen']>>;
let vm: EdgeVM;

/** A webhook as Flare sends it: a contract event, its raw body and its signature header. */
function signedEvent(secret: string) {
  const body = JSON.stringify(fixtures.event('job.failed', fixtures.job({ state: 'failed' })));
  return { body, header: signWebhook({ payload: body, secret }) };
}

beforeAll(async () => {
  server = await fake.listen({ port: 0, host: '127.0.0.1' });
  // Bundled for the `edge-light` condition as Next.js does; `neutral` fails on any Node built-in.
  const { outputFiles } = await build({
    entryPoints: ['test/vm-entry.ts'],
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    conditions: ['edge-light'],
    logLevel: 'silent',
  });
  // Vercel Edge exposes process.env and nothing else of Node's process.
  const env = {
    FLARE_API_KEY: 'zf_test_sk_vercel',
    FLARE_WEBHOOK_SECRET: SECRET,
    FLARE_BASE_URL: server.url,
  };
  vm = new EdgeVM({ extend: (context) => Object.assign(context, { process: { env } }) });
  vm.evaluate(outputFiles[0]!.text);
});

afterAll(() => server?.close());

const welcomeKey = (email: string) => `welcome-${createHash('sha256').update(email).digest('hex')}`;

/** Calls a route's POST inside the VM with a Request built there; returns status and body. */
async function post(
  route: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
) {
  const init = JSON.stringify({ method: 'POST', body, headers });
  return vm.evaluate(
    `routes.${route}.POST(new Request('https://app.example${path}', ${init}))
       .then(async (r) => ({ status: r.status, body: await r.text() }))`,
  ) as Promise<{ status: number; body: string }>;
}

describe('the example Edge route handlers in the edge runtime', () => {
  it('declare the Edge runtime', () => {
    expect(vm.evaluate('[routes.signups.runtime, routes.webhook.runtime]')).toEqual([
      'edge',
      'edge',
    ]);
  });

  it('enqueue a welcome email with the key from process.env', async () => {
    const response = await post(
      'signups',
      '/api/signups',
      JSON.stringify({ email: 'ada@example.com' }),
    );
    expect(response.status).toBe(202);
    const answer = JSON.parse(response.body) as { job_id: string; state: string };
    expect(answer.state).toBe('pending');
    expect(fake.jobs.map((job) => job.id)).toContain(answer.job_id);
    const sent = fake.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer zf_test_sk_vercel');
    expect(sent.headers['idempotency-key']).toBe(welcomeKey('ada@example.com'));
    expect(sent.headers['x-flare-client']).toMatch(/ vercel-edge$/);
  });

  it('answer 400, and enqueue nothing, to a body that is not { "email": "…" }', async () => {
    const before = fake.jobs.length;
    const long = `${'a'.repeat(250)}@example.com`;
    for (const body of ['{}', 'not json', 'null', '{"email":"ada"}', `{"email":"${long}"}`]) {
      const response = await post('signups', '/api/signups', body);
      expect(response.status, body).toBe(400);
    }
    expect(fake.jobs.length).toBe(before);
  });

  it('enqueue a signup whose address is not ASCII, once however often it is retried', async () => {
    const email = 'josé.müller@example.com';
    const body = JSON.stringify({ email });
    const first = await post('signups', '/api/signups', body);
    const again = await post('signups', '/api/signups', body);
    expect([first.status, again.status]).toEqual([202, 202]);
    const ids = [first, again].map((r) => (JSON.parse(r.body) as { job_id: string }).job_id);
    expect(ids[1]).toBe(ids[0]);
    expect(fake.requests.at(-1)!.headers['idempotency-key']).toBe(welcomeKey(email));
  });

  it('accept a webhook signed with the endpoint secret', async () => {
    const { body, header } = signedEvent(SECRET);
    const response = await post('webhook', '/api/webhooks/flare', body, {
      'zeridion-signature': header,
    });
    expect(response.status).toBe(204);
  });

  it('reject a forged, tampered or unsigned webhook with the reason', async () => {
    const forged = signedEvent('whsec_someone_else');
    expect(
      await post('webhook', '/api/webhooks/flare', forged.body, {
        'zeridion-signature': forged.header,
      }),
    ).toEqual({
      status: 400,
      body: 'no_matching_signature',
    });
    const genuine = signedEvent(SECRET);
    expect(
      await post('webhook', '/api/webhooks/flare', `${genuine.body} `, {
        'zeridion-signature': genuine.header,
      }),
    ).toEqual({ status: 400, body: 'no_matching_signature' });
    expect(await post('webhook', '/api/webhooks/flare', forged.body)).toEqual({
      status: 400,
      body: 'missing_header',
    });
  });
});

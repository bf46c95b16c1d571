import { fileURLToPath } from 'node:url';
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedEvent, startFakeFlare } from './fake-flare.js';

const SECRET = 'whsec_example_vercel_secret';
let flare: Awaited<ReturnType<typeof startFakeFlare>>;
let vm: EdgeVM;

beforeAll(async () => {
  flare = await startFakeFlare();
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
    FLARE_BASE_URL: flare.url,
  };
  vm = new EdgeVM({ extend: (context) => Object.assign(context, { process: { env } }) });
  vm.evaluate(outputFiles[0]!.text);
});

afterAll(() => flare?.close());

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
    expect(JSON.parse(response.body)).toEqual({
      job_id: 'job_01JDWELCOME0000000000000000',
      state: 'pending',
    });
    const sent = flare.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer zf_test_sk_vercel');
    expect(sent.headers['idempotency-key']).toBe('welcome-ada@example.com');
    expect(sent.headers['x-flare-client']).toMatch(/ vercel-edge$/);
  });

  it('accept a webhook signed with the endpoint secret', async () => {
    const { body, header } = signedEvent(SECRET);
    const response = await post('webhook', '/api/webhooks/flare', body, {
      'zeridion-signature': header,
    });
    expect(response.status).toBe(204);
  });

  it('reject a forged or unsigned webhook with the reason', async () => {
    const forged = signedEvent('whsec_someone_else');
    expect(
      await post('webhook', '/api/webhooks/flare', forged.body, {
        'zeridion-signature': forged.header,
      }),
    ).toEqual({
      status: 400,
      body: 'no_matching_signature',
    });
    expect(await post('webhook', '/api/webhooks/flare', forged.body)).toEqual({
      status: 400,
      body: 'missing_header',
    });
  });
});

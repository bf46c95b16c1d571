import { FlareClient, verifyWebhook, WebhookVerificationError } from '@flare/edge';
import { drainWelcomeEmails } from './drain.js';

/** The Worker's bindings: secrets set with `wrangler secret put`. */
export interface Env {
  FLARE_API_KEY: string;
  FLARE_WEBHOOK_SECRET: string;
  /** Optional: a staging API or a local fake (the tests use one). */
  FLARE_BASE_URL?: string;
}

/**
 * The email of a signup body `{ "email": "…" }`; `undefined` for anything else (not JSON, no
 * email, not an address), which the route answers with 400.
 */
async function readEmail(request: Request): Promise<string | undefined> {
  const body = (await request.json().catch(() => null)) as { email?: unknown } | null;
  const email = body?.email;
  return typeof email === 'string' && email.includes('@') && email.length <= 254
    ? email
    : undefined;
}

/**
 * `welcome-` + the SHA-256 of the address: the same signup always gets the same key. A header
 * value must be printable ASCII, which an address need not be (`josé@…`), and the hash keeps the
 * address out of request logs.
 */
async function welcomeKey(email: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'));
  return `welcome-${hex.join('')}`;
}

/** POST /signups `{ "email": "…" }` → enqueues a welcome email; answers 202 with the job id. */
async function enqueueWelcomeEmail(request: Request, env: Env): Promise<Response> {
  const email = await readEmail(request);
  if (!email)
    return Response.json({ error: 'a JSON body { "email": "…" } is required' }, { status: 400 });
  // Workers have no process.env: the key comes from the bindings.
  const flare = new FlareClient({ apiKey: env.FLARE_API_KEY, baseUrl: env.FLARE_BASE_URL });
  const job = await flare.createJob(
    { job_type: 'SendWelcomeEmail', payload: { email } },
    { idempotencyKey: await welcomeKey(email) }, // a retried signup never sends twice
  );
  return Response.json({ job_id: job.id, state: job.state }, { status: 202 });
}

/** POST /webhooks/flare: Flare's signed job events. */
async function receiveWebhook(request: Request, env: Env): Promise<Response> {
  try {
    const event = await verifyWebhook({ request, secret: env.FLARE_WEBHOOK_SECRET });
    if (event.type === 'job.failed')
      console.warn('job failed', event.data.job.id, event.data.job.last_error);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (WebhookVerificationError.isInstance(error))
      return new Response(error.reason, { status: 400 });
    throw error;
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/signups')
      return enqueueWelcomeEmail(request, env);
    if (request.method === 'POST' && pathname === '/webhooks/flare')
      return receiveWebhook(request, env);
    return new Response('not found', { status: 404 });
  },

  /** The Cron Trigger (wrangler.toml `[triggers]`): runs the queued welcome emails. */
  async scheduled(_controller: unknown, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }) {
    ctx.waitUntil(
      drainWelcomeEmails(env).then((summary) =>
        console.log('flare drain', JSON.stringify(summary)),
      ),
    );
  },
};

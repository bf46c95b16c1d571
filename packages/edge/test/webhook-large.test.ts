// Workers and Next.js / Vercel Edge routes get a Fetch API Request: the README's
// `verifyWebhook({ request, secret })` must accept the largest event the contract can produce.
import { verifyWebhook } from '@flare/edge';
import { largestEvent } from '@flare/test-support/largest-event';
import { describe, expect, it } from 'vitest';

const SECRET = 'whsec_edge_large_event';

async function sign(body: string): Promise<string> {
  const t = Math.floor(Date.now() / 1000);
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${t}.${body}`));
  return `t=${t},v1=${Buffer.from(mac).toString('hex')}`;
}

describe('a Fetch API route (Workers, Next.js, Vercel Edge)', () => {
  it.each(['application/json', 'text/plain', undefined])(
    'verifies the largest contract event (~1.5 MiB), content-type %s',
    async (type) => {
      const body = largestEvent();
      const headers: Record<string, string> = { 'zeridion-signature': await sign(body) };
      if (type) headers['content-type'] = type;
      const request = new Request('https://app.test/webhooks/flare', {
        method: 'POST',
        headers,
        body: new Blob([body]),
      });
      const event = await verifyWebhook({ request, secret: SECRET });
      expect(event.type).toBe('job.succeeded');
      expect(JSON.stringify(event.data.job.payload).length).toBeGreaterThan(2 ** 17);
    },
  );
});

// The app's webhook route: a plain node:http server that verifies every delivery with
// @flare/node's verifyWebhook on the raw body, as the @flare/node README shows.
import http from 'node:http';
import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WebhookVerificationError } from '@flare/node';

/**
 * Starts the route on 127.0.0.1. `failFirst` answers the first delivery 500 (to show redelivery).
 * @returns {Promise<{ url: string, events: import('@flare/node').WebhookEvent[], statuses: number[], close: () => Promise<void> }>}
 */
export async function startWebhookReceiver({ secret, failFirst = false }) {
  const events = [];
  const statuses = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let status = 204;
      if (req.method !== 'POST' || req.url !== '/webhooks/flare') status = 404;
      else if (failFirst && statuses.length === 0) status = 500;
      else {
        try {
          const payload = Buffer.concat(chunks); // the raw bytes, never re-serialised
          const header = req.headers[WEBHOOK_SIGNATURE_HEADER];
          const event = await verifyWebhook({ payload, header, secret });
          if (!events.some((e) => e.id === event.id)) events.push(event); // at-least-once: dedupe
        } catch (error) {
          status = WebhookVerificationError.isInstance(error) ? 400 : 500;
        }
      }
      statuses.push(status);
      res.writeHead(status).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/webhooks/flare`,
    events,
    statuses,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

import { verifyWebhook, WebhookVerificationError } from '@flare/node';
import type { OrderStore } from './order-store.js';

/**
 * The shop's Flare webhook route as a Fetch API handler (`Request` in, `Response` out, as in
 * Next.js, Hono or Remix). It verifies the signature on the raw body, handles each event once
 * (Flare delivers at least once) and records the confirmation email's fate on the order.
 * @example
 * ```ts
 * const handle = createWebhookHandler({ secret: process.env.FLARE_WEBHOOK_SECRET!, store });
 * export const POST = (request: Request) => handle(request);
 * ```
 */
export function createWebhookHandler(options: { secret: string; store: OrderStore }) {
  const seen = new Set<string>();
  return async function handle(request: Request): Promise<Response> {
    let event: Awaited<ReturnType<typeof verifyWebhook<{ order_id?: string }>>>;
    try {
      event = await verifyWebhook<{ order_id?: string }>({ request, secret: options.secret });
    } catch (error) {
      if (WebhookVerificationError.isInstance(error))
        return new Response(error.reason, { status: 400 });
      throw error;
    }
    if (seen.has(event.id)) return new Response(null, { status: 204 });
    seen.add(event.id);
    const { job } = event.data;
    const orderId = job.payload.order_id;
    if (job.job_type === 'SendOrderConfirmation' && orderId) {
      if (event.type === 'job.succeeded') options.store.update(orderId, { confirmation: 'sent' });
      if (event.type === 'job.failed') options.store.update(orderId, { confirmation: 'failed' });
    }
    return new Response(null, { status: 204 });
  };
}

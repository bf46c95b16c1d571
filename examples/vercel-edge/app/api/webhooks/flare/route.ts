import { verifyWebhook, WebhookVerificationError } from '@flare/edge';

export const runtime = 'edge';

/** POST /api/webhooks/flare: Flare's signed job events. */
export async function POST(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook({ request, secret: process.env.FLARE_WEBHOOK_SECRET ?? '' });
    if (event.type === 'job.failed')
      console.warn('job failed', event.data.job.id, event.data.job.last_error);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (WebhookVerificationError.isInstance(error))
      return new Response(error.reason, { status: 400 });
    throw error;
  }
}

// What the size budget measures: a Worker that enqueues a job and verifies a webhook.
import { FlareClient, verifyWebhook } from '@flare/edge';

export default {
  async fetch(request: Request, env: { FLARE_API_KEY: string; FLARE_WEBHOOK_SECRET: string }) {
    const flare = new FlareClient({ apiKey: env.FLARE_API_KEY });
    const job = await flare.createJob({ job_type: 'SendWelcomeEmail', payload: { id: 1 } });
    const event = await verifyWebhook({ request, secret: env.FLARE_WEBHOOK_SECRET });
    return Response.json({ job, event });
  },
};

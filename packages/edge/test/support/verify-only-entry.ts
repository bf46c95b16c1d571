// A webhook receiver only: neither the client's requests nor the worker loop in its bundle.
import { verifyWebhook } from '@flare/edge';

export default {
  async fetch(request: Request, env: { FLARE_WEBHOOK_SECRET: string }) {
    return Response.json(await verifyWebhook({ request, secret: env.FLARE_WEBHOOK_SECRET }));
  },
};

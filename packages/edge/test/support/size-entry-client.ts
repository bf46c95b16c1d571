// The client-only budget: a Worker that enqueues a job and never verifies a webhook.
import { FlareClient } from '@flare/edge';

export default {
  async fetch(_request: Request, env: { FLARE_API_KEY: string }) {
    const flare = new FlareClient({ apiKey: env.FLARE_API_KEY });
    const job = await flare.createJob({ job_type: 'SendWelcomeEmail', payload: { id: 1 } });
    return Response.json({ job });
  },
};

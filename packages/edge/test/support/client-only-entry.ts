// A Worker that only enqueues: the worker loop must not be in its bundle.
import { FlareClient } from '@flare/edge';

export default {
  async fetch(_request: Request, env: { FLARE_API_KEY: string }) {
    const flare = new FlareClient({ apiKey: env.FLARE_API_KEY });
    return Response.json(await flare.createJob({ job_type: 'SendWelcomeEmail', payload: {} }));
  },
};

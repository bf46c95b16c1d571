// The Worker the workerd test runs (bundled with the built @flare/edge, no nodejs_compat).
import { runChecks } from './checks.js';

export default {
  async fetch(_request: Request, env: { FLARE_BASE_URL: string }): Promise<Response> {
    try {
      return Response.json(await runChecks(env.FLARE_BASE_URL));
    } catch (error) {
      return new Response(String((error as Error)?.stack ?? error), { status: 500 });
    }
  },
};

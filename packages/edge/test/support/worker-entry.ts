// A Cron Trigger that drains the queue: what the worker loop adds to a bundle.
import { FlareClient, FlareWorker } from '@flare/edge';

export default {
  async scheduled(
    _event: unknown,
    env: { FLARE_API_KEY: string },
    ctx: { waitUntil(p: Promise<unknown>): void },
  ) {
    const worker = new FlareWorker({
      client: new FlareClient({ apiKey: env.FLARE_API_KEY }),
      handlers: { Ping: () => 'pong' },
    });
    ctx.waitUntil(worker.drain({ deadlineMs: 25_000 }));
  },
};

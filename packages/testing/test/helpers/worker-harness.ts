// A fake over HTTP and FlareWorkers (from the built @flare/node) against it, stopped after each test.
import {
  type ClaimedJob,
  FlareClient,
  FlareWorker,
  type JobContext,
  type NodeWorkerOptions,
} from '@flare/node';
import type { FakeFlare, FakeFlareOptions } from '@flare/testing';
import { afterEach } from 'vitest';
import { KEY } from './call.js';
import { createFake } from './fidelity.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fake (every exchange and every request checked against the spec) listening on a port. */
export async function fakeOverHttp(options: FakeFlareOptions = {}) {
  const fake: FakeFlare = createFake(options, { requests: true });
  const server = await fake.listen({ port: 0 });
  cleanups.push(() => server.close());
  const client = (apiKey = KEY) =>
    new FlareClient({ apiKey, baseUrl: server.url, retryBaseDelayMs: 5, retryMaxDelayMs: 50 });
  /** A worker on this fake, closed (forcefully) after the test; signals left alone. */
  const worker = (options: Partial<NodeWorkerOptions> & Pick<NodeWorkerOptions, 'handlers'>) => {
    const w = new FlareWorker({ client: client(), handleSignals: false, ...options });
    cleanups.push(() => w.close({ force: true }));
    return w;
  };
  return { fake, url: server.url, client, worker };
}

/** Resolves once `check` holds (polled every 10 ms), or fails after `ms`. */
export async function until(check: () => boolean, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A handler that holds its job until `finish()` or its signal aborts; records each ctx. */
export function holding() {
  const contexts: JobContext[] = [];
  let finish!: () => void;
  const done = new Promise<void>((r) => {
    finish = r;
  });
  const handler = async (_job: ClaimedJob, ctx: JobContext) => {
    contexts.push(ctx);
    await Promise.race([
      done,
      new Promise((r) => ctx.signal.addEventListener('abort', r, { once: true })),
    ]);
    return { finished: !ctx.signal.aborted };
  };
  return { handler, contexts, finish: () => finish() };
}

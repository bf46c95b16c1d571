// The fake Flare server in its own process, for benchmarks whose server must not share the
// client's event loop. Sends its URL over IPC once listening; 'reset' forgets every job and
// collects them, so no measurement pays for the jobs of the one before it;
// `{ holdMs }` holds every answer that long from then on (until the next 'reset'), as a hosted
// API's round trip would.
import { FakeFlare } from '@flare/testing';

const fake = new FakeFlare({ apiKeys: ['zf_test_sk_bench'], maxRecordedRequests: 0 });
const server = await fake.listen({ quiet: true });
process.on('message', (message) => {
  if (message === 'reset') {
    fake.reset();
    globalThis.gc?.();
  } else if (message?.holdMs)
    fake.inject({ delayMs: message.holdMs, times: Number.POSITIVE_INFINITY });
  process.send(message);
});
process.on('disconnect', () => server.close().then(() => process.exit(0)));
process.send(server.url);

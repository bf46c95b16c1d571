// The fake Flare server in its own process, for benchmarks whose server must not share the
// client's event loop. Sends its URL over IPC once listening; 'reset' forgets every job.
import { FakeFlare } from '@flare/testing';

const fake = new FakeFlare({ apiKeys: ['zf_test_sk_bench'], maxRecordedRequests: 0 });
const server = await fake.listen();
process.on('message', (message) => {
  if (message === 'reset') {
    fake.reset();
    process.send('reset');
  }
});
process.on('disconnect', () => server.close().then(() => process.exit(0)));
process.send(server.url);

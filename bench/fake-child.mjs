// A fake Flare server in its own process, for the worker benchmarks: the fake's own work (and its
// memory) stays out of the process being measured. Usage: node fake-child.mjs JOBS [RECORDED]
// seeds JOBS queued `Noop` jobs, listens on a free port, prints the URL and exits when its
// standard input closes (the parent ends).
import { FakeFlare } from '@flare/testing';

const [jobs = '0', recorded = '0'] = process.argv.slice(2);
const fake = new FakeFlare({
  apiKeys: ['zf_test_sk_bench'],
  maxRecordedRequests: Number(recorded),
});
for (let i = 0; i < Number(jobs); i++) fake.createJob({ job_type: 'Noop', payload: { i } });
const server = await fake.listen({ quiet: true });
process.stdout.write(`${server.url}\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

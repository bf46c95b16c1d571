// createJobs (batches of 100, 4 requests in flight) against a loop of createJob with 64 in
// flight: jobs created per second, both against the fake server running in its own process.
import { FlareClient } from '@flare/node';
import { startServer } from './child.mjs';
import { compare, ratio, report, target, throughput } from './lib.mjs';

const PARAMS = {
  job_type: 'SendWelcomeEmail',
  payload: { email: 'alice@example.com', name: 'Alice' },
};

export async function run({ quick }) {
  const server = await startServer('fake-server.mjs');
  try {
    const flare = new FlareClient({ apiKey: 'zf_test_sk_bench', baseUrl: server.url });
    const n = quick ? 2_000 : 10_000;
    const items = Array.from({ length: n }, () => PARAMS);
    const cases = {
      'createJob loop, 64 in flight': () => throughput(() => flare.createJob(PARAMS), n, 64),
      'createJobs (100 per request, 4 in flight)': async () => {
        const t = process.hrtime.bigint();
        const results = await flare.createJobs(items);
        const rate = n / (Number(process.hrtime.bigint() - t) / 1e9);
        if (!results.every((r) => r.ok)) throw new Error('createJobs: an item failed');
        return rate;
      },
    };
    await cases['createJob loop, 64 in flight'](); // warm-up
    await cases['createJobs (100 per request, 4 in flight)']();
    // The fake forgets its jobs before every measurement, so both cases see the same store.
    const rates = await compare(
      cases,
      async (fn) => {
        await server.ask('reset');
        return fn();
      },
      quick ? 2 : 5,
    );
    report(
      'createJobs vs a createJob loop — jobs created per second (fake in its own process)',
      rates,
      {
        unit: 'jobs/s',
        baseline: 'createJob loop, 64 in flight',
      },
    );
    target(
      'createJobs vs createJob loop (jobs/s)',
      ratio(rates, 'createJobs (100 per request, 4 in flight)', 'createJob loop, 64 in flight'),
      '>=',
      10,
    );
  } finally {
    await server.stop();
  }
}

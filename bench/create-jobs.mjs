// createJobs (batches of 100, the default 8 requests in flight) against a loop of createJob with
// 64 in flight: jobs created per second, both against the fake server running in its own process.
// Twice: over loopback, where both processes' CPU bounds the rate, and with the fake holding every
// answer 20 ms, where the round trip does, as it does against a hosted API.
import { FlareClient } from '@flare/node';
import { startServer } from './child.mjs';
import { compare, ratio, report, target, throughput } from './lib.mjs';

const PARAMS = {
  job_type: 'SendWelcomeEmail',
  payload: { email: 'alice@example.com', name: 'Alice' },
};
const LOOP = 'createJob loop, 64 in flight';
const BATCHED = 'createJobs (100 per request, 8 in flight)';
const HOLD_MS = 20;

export async function run({ quick }) {
  const server = await startServer('fake-server.mjs');
  try {
    const flare = new FlareClient({ apiKey: 'zf_test_sk_bench', baseUrl: server.url });
    const n = quick ? 2_000 : 10_000;
    const items = Array.from({ length: n }, () => PARAMS);
    const cases = {
      [LOOP]: () => throughput(() => flare.createJob(PARAMS), n, 64),
      [BATCHED]: async () => {
        const t = process.hrtime.bigint();
        const results = await flare.createJobs(items);
        const rate = n / (Number(process.hrtime.bigint() - t) / 1e9);
        if (!results.every((r) => r.ok)) throw new Error('createJobs: an item failed');
        return rate;
      },
    };
    await cases[LOOP](); // warm-up
    await cases[BATCHED]();
    // The fake forgets its jobs before every measurement, so both cases see the same store.
    const measure = (holdMs) => async (fn) => {
      await server.ask('reset');
      if (holdMs) await server.ask({ holdMs });
      return fn();
    };
    const local = await compare(cases, measure(0), quick ? 2 : 5);
    report(
      'createJobs vs a createJob loop — jobs created per second (fake in its own process)',
      local,
      {
        unit: 'jobs/s',
        baseline: LOOP,
      },
    );
    target('createJobs vs createJob loop (jobs/s)', ratio(local, BATCHED, LOOP), '>=', 10);

    const held = await compare(cases, measure(HOLD_MS), quick ? 1 : 5);
    report(`the same, every answer held ${HOLD_MS} ms (a hosted API's round trip)`, held, {
      unit: 'jobs/s',
      baseline: LOOP,
    });
    target(
      `createJobs vs createJob loop, ${HOLD_MS} ms round trip`,
      ratio(held, BATCHED, LOOP),
      '>=',
      10,
    );
  } finally {
    await server.stop();
  }
}

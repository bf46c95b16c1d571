// @flare/testing's fake: creates per second over HTTP and through msw (driven by @flare/node),
// and the cost of one listJobs page at 1,000 vs 100,000 stored jobs (seeded through the engine).
import { FlareClient } from '@flare/node';
import { FakeFlare } from '@flare/testing';
import { setupServer } from 'msw/node';
import { compare, latencyUs, report, target, throughput } from './lib.mjs';

const KEY = 'zf_test_sk_bench';
const AUTH = { authorization: `Bearer ${KEY}` };
const PARAMS = {
  job_type: 'SendWelcomeEmail',
  payload: { email: 'alice@example.com', name: 'Alice' },
};

/** A fake holding `n` jobs spread over states, queues, types and tags, seeded without HTTP. */
function seeded(n) {
  const fake = new FakeFlare({ apiKeys: [KEY], maxRecordedRequests: 0 });
  for (let i = 0; i < n; i++) {
    const job = fake.createJob({
      job_type: `Type${i % 8}`,
      queue: `queue-${i % 4}`,
      payload: { i },
      tags: [`tag-${i % 10}`],
    });
    if (i % 5 === 0) fake.failJob(job.id, { message: 'seeded failure' });
  }
  return fake;
}

/** The request for one page (limit 20) from the middle of the list matching `filters`. */
async function middlePage(fake, filters) {
  // Walk every page once, then seek the one in the middle (so every case goes through a cursor).
  const cursors = [];
  let cursor;
  do {
    const query = { ...filters, limit: '20', ...(cursor && { cursor }) };
    const res = await fake.handle({ method: 'GET', path: '/v1/jobs', query, headers: AUTH });
    cursor = res.body.next_cursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  const middle = cursors[Math.floor((cursors.length - 1) / 2)]; // a full page follows it
  return {
    method: 'GET',
    path: '/v1/jobs',
    query: { ...filters, limit: '20', cursor: middle },
    headers: AUTH,
  };
}

export async function run({ quick }) {
  const n = quick ? 2000 : 20000;

  // Creates over HTTP: node:http keep-alive server ← @flare/node's node:http transport.
  const httpFake = new FakeFlare({ apiKeys: [KEY], maxRecordedRequests: 0 });
  const server = await httpFake.listen();
  const overHttp = new FlareClient({ apiKey: KEY, baseUrl: server.url });
  await throughput(() => overHttp.createJob(PARAMS), 500, 16); // warm-up
  const httpRate = await throughput(() => overHttp.createJob(PARAMS), n, 64);
  await server.close();

  // Creates through msw: handlers in-process, intercepting fetch and node:http.
  const mswFake = new FakeFlare({ apiKeys: [KEY], maxRecordedRequests: 0 });
  const msw = setupServer(...mswFake.handlers('https://flare.bench.test'));
  msw.listen({ onUnhandledRequest: 'error' });
  const viaFetch = new FlareClient({
    apiKey: KEY,
    baseUrl: 'https://flare.bench.test',
    fetch: (...a) => fetch(...a),
  });
  const viaNodeHttp = new FlareClient({ apiKey: KEY, baseUrl: 'https://flare.bench.test' });
  await throughput(() => viaFetch.createJob(PARAMS), 300, 16); // warm-up
  const mswFetchRate = await throughput(() => viaFetch.createJob(PARAMS), n / 2, 64);
  const mswNodeRate = await throughput(() => viaNodeHttp.createJob(PARAMS), n / 2, 64);
  msw.close();

  // The engine alone (no transport): the fake's own cost per create.
  const engine = new FakeFlare({ apiKeys: [KEY], maxRecordedRequests: 0 });
  const create = {
    method: 'POST',
    path: '/v1/jobs',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(PARAMS),
  };
  const engineRate = await throughput(() => engine.handle(create), n * 5, 1);

  report(
    'fake — createJob throughput (calls/s)',
    {
      'engine (fake.handle)': engineRate,
      'HTTP (fake.listen + @flare/node)': httpRate,
      'msw + fetch transport': mswFetchRate,
      'msw + node:http transport': mswNodeRate,
    },
    { unit: 'calls/s', baseline: 'HTTP (fake.listen + @flare/node)' },
  );

  // listJobs: one page from the middle of 1,000 vs 100,000 jobs.
  const sizes = [1_000, 100_000];
  const filters = {
    unfiltered: {},
    'state=failed': { state: 'failed' },
    'tag=tag-3': { tag: 'tag-3' },
    'queue+tag (2 filters)': { queue: 'queue-1', tag: 'tag-3' }, // half of tag-3 match
  };
  // Not a target: no job matches both, so the page walks the whole smallest index (documented).
  const worst = { state: 'failed', tag: 'tag-3' };
  // Both stores live side by side and the cases are measured interleaved, so heap size and
  // drift weigh on both alike: what is left is what a page costs per stored job.
  const cases = {};
  const worstMs = {};
  for (const size of sizes) {
    const t = performance.now();
    const fake = seeded(size);
    console.log(
      `\n  seeded ${size.toLocaleString('en-US')} jobs through the engine in ${Math.round(performance.now() - t)} ms`,
    );
    for (const [name, f] of Object.entries(filters)) {
      const page = await middlePage(fake, f);
      cases[`${name} @ ${size.toLocaleString('en-US')}`] = () => fake.handle(page);
    }
    const t2 = performance.now();
    await fake.handle({ method: 'GET', path: '/v1/jobs', query: worst, headers: AUTH });
    worstMs[size] = performance.now() - t2;
  }
  for (const fn of Object.values(cases)) await latencyUs(fn, 300); // warm-up
  const results = await compare(cases, (fn) => latencyUs(fn, quick ? 500 : 2000), quick ? 5 : 9);
  report('fake — listJobs page of 20 from the middle (median µs)', results, {
    unit: 'µs',
    baseline: 'unfiltered @ 1,000',
    lowerIsBetter: true,
  });
  console.log('\n  page cost ratio, 100,000 vs 1,000 jobs:');
  for (const name of Object.keys(filters)) {
    const ratio = results[`${name} @ 100,000`] / results[`${name} @ 1,000`];
    console.log(`    ${name.padEnd(30)} ${ratio.toFixed(2)}×`);
    target(`fake list page 100k/1k jobs: ${name}`, ratio, '<=', 2);
  }
  console.log(
    `  multi-filter worst case (state=failed + tag=tag-3, no job matches both): one page walks the ` +
      `whole tag-3 index: ${worstMs[1000].toFixed(2)} ms @ 1,000, ${worstMs[100000].toFixed(2)} ms @ 100,000`,
  );
}

// @flare/node against raw node:http and raw fetch, all on one local keep-alive server.
import http from 'node:http';
import { FlareClient } from '@flare/node';
import { compare, latencyUs, ratio, report, target, throughput } from './lib.mjs';
import { BODY, HEADERS, jobServer, rawRequest } from './raw-http.mjs';

export async function run({ quick }) {
  const server = jobServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const rawHttp = (method, path, body) =>
    rawRequest(agent, `${base}${path}`, method, HEADERS, body);
  const rawFetch = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: HEADERS,
      body,
    });
    return res.json();
  };
  const flare = new FlareClient({ apiKey: 'zf_test_sk_bench', baseUrl: base });
  const params = JSON.parse(BODY);

  // The SDK is measured right after its baseline in every round, so the pair sees the same
  // machine; fetch (for scale) comes last.
  const create = {
    'raw node:http': () => rawHttp('POST', '/v1/jobs', BODY),
    '@flare/node createJob': () => flare.createJob(params),
    'raw fetch': () => rawFetch('POST', '/v1/jobs', BODY),
  };
  const get = {
    'raw node:http': () => rawHttp('GET', '/v1/jobs/job_1'),
    '@flare/node getJob': () => flare.getJob('job_1'),
    'raw fetch': () => rawFetch('GET', '/v1/jobs/job_1'),
  };
  // Many short rounds rather than a few long ones: this VM's slow spells last seconds.
  const n = quick ? 300 : 1000;
  const rounds = quick ? 3 : 11;
  for (const fn of Object.values({ ...create, ...get })) await latencyUs(fn, 300); // warm-up

  const createLat = await compare(create, (fn) => latencyUs(fn, n), rounds);
  report('createJob — sequential latency (median µs per call)', createLat, {
    unit: 'µs',
    baseline: 'raw node:http',
    lowerIsBetter: true,
  });
  const getLat = await compare(get, (fn) => latencyUs(fn, n), rounds);
  report('getJob — sequential latency (median µs per call)', getLat, {
    unit: 'µs',
    baseline: 'raw node:http',
    lowerIsBetter: true,
  });
  const createTput = await compare(create, (fn) => throughput(fn, n * 4, 64), rounds);
  report('createJob — throughput, 64 in flight (calls/s)', createTput, {
    unit: 'calls/s',
    baseline: 'raw node:http',
  });
  const getTput = await compare(get, (fn) => throughput(fn, n * 4, 64), rounds);
  report('getJob — throughput, 64 in flight (calls/s)', getTput, {
    unit: 'calls/s',
    baseline: 'raw node:http',
  });

  for (const [label, values, sdk, op, limit] of [
    ['createJob latency', createLat, '@flare/node createJob', '<=', 1.25],
    ['getJob latency', getLat, '@flare/node getJob', '<=', 1.25],
    ['createJob throughput', createTput, '@flare/node createJob', '>=', 0.8],
    ['getJob throughput', getTput, '@flare/node getJob', '>=', 0.8],
  ]) {
    target(`${label} vs raw node:http`, ratio(values, sdk, 'raw node:http'), op, limit);
  }

  agent.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

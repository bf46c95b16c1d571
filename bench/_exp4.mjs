import http from 'node:http';
import { FlareClient, nodeHttpTransport } from '@flare/node';
import { compare, latencyUs, throughput } from '/work/main/bench/lib.mjs';

const JOB = JSON.stringify({
  id: 'job_1',
  object: 'job',
  payload: { a: 1 },
  state: 'pending',
  created_at: '2026-01-01T00:00:00.000Z',
});
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(JOB),
      'x-request-id': 'r',
    });
    res.end(JOB);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const H = {
  authorization: 'Bearer zf_test_sk_bench',
  accept: 'application/json',
  'user-agent': 'flare-typescript/0.0.0 node/20.20.2',
  'x-flare-client': 'flare-typescript/0.0.0 node/20.20.2',
  'x-flare-retry-count': '0',
};
const raw = () =>
  new Promise((resolve, reject) => {
    const req = http.request(`${base}/v1/jobs/job_1`, { method: 'GET', agent, headers: H });
    req.on('error', reject);
    req.on('response', (res) => {
      const c = [];
      res.on('data', (d) => c.push(d));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(c).toString())));
    });
    req.end();
  });
const t = nodeHttpTransport();
const tr = () =>
  t({
    method: 'GET',
    url: `${base}/v1/jobs/job_1`,
    headers: H,
    body: undefined,
    signal: undefined,
    timeoutMs: 60000,
    maxResponseBytes: 10485760,
  })
    .then((r) => r.text())
    .then(JSON.parse);
const flare = new FlareClient({ apiKey: 'zf_test_sk_bench', baseUrl: base });
const cases = { raw, transport: tr, flare: () => flare.getJob('job_1') };
for (const f of Object.values(cases)) await throughput(f, 3000, 64);
console.log(await compare(cases, (fn) => throughput(fn, 12000, 64), 5));
console.log(await compare(cases, (fn) => latencyUs(fn, 2000), 5));
server.closeAllConnections();
server.close();
agent.destroy();

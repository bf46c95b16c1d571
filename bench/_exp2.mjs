import http from 'node:http';
import { FlareClient } from '@flare/node';
import { throughput } from '/work/main/bench/lib.mjs';

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
const flare = new FlareClient({ apiKey: 'zf_test_sk_bench', baseUrl: base });
await throughput(() => flare.getJob('job_1'), 60000, 64);
server.closeAllConnections();
server.close();

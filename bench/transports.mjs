// createJob throughput at 64 in flight for each @flare/node transport against raw node:http, the
// server in its own process (so only the client side is measured). The default's figure goes in
// the README's bench block.
import http from 'node:http';
import { FlareClient, nodeHttpTransport, undiciTransport } from '@flare/node';
import { startServer } from './child.mjs';
import { compare, ratio, report, throughput } from './lib.mjs';
import { BODY, HEADERS, rawRequest } from './raw-http.mjs';

export async function run({ quick }) {
  const server = await startServer('raw-server.mjs');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const url = `${server.url}/v1/jobs`;
    const rawHttp = () => rawRequest(agent, url, 'POST', HEADERS, BODY);
    const client = (transport) =>
      new FlareClient({ apiKey: 'zf_test_sk_bench', baseUrl: server.url, transport });
    const viaNodeHttp = client(nodeHttpTransport());
    const viaUndici = client(undiciTransport());
    const params = JSON.parse(BODY);
    const cases = {
      'raw node:http': rawHttp,
      'createJob, nodeHttpTransport (default)': () => viaNodeHttp.createJob(params),
      'createJob, undiciTransport': () => viaUndici.createJob(params),
    };
    const n = quick ? 1_000 : 4_000;
    for (const fn of Object.values(cases)) await throughput(fn, 500, 64); // warm-up
    const rates = await compare(cases, (fn) => throughput(fn, n, 64), quick ? 3 : 9);
    report('transports — createJob throughput, 64 in flight, server in its own process', rates, {
      unit: 'calls/s',
      baseline: 'raw node:http',
    });
    // Figures, not targets: node-client.mjs holds the default transport's target (in-process
    // server); here each transport is set against raw node:http with the server apart.
    for (const name of ['createJob, nodeHttpTransport (default)', 'createJob, undiciTransport']) {
      console.log(`  ${name} vs raw node:http: ${ratio(rates, name, 'raw node:http').toFixed(2)}×`);
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
}

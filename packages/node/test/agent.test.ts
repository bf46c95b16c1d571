import http from 'node:http';
import { FlareClient, FlareError, nodeHttpTransport } from '@flare/node';
import { startServer } from '@flare/test-support/local-server';
import { job } from '@flare/test-support/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('nodeHttpTransport({ agent })', () => {
  it("sends every request through the caller's agent (a proxy agent, a custom CA)", async () => {
    const agent = new http.Agent({ keepAlive: true });
    const sockets: unknown[] = [];
    const create = agent.createConnection.bind(agent);
    agent.createConnection = ((...args: Parameters<typeof create>) => {
      const socket = create(...args);
      sockets.push(socket);
      return socket;
    }) as typeof agent.createConnection;
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(job()));
    });
    const flare = new FlareClient({
      apiKey: 'zf_test_sk_agent',
      baseUrl: server.url,
      transport: nodeHttpTransport({ agent }),
    });
    await flare.getJob('job_1');
    await flare.getJob('job_2');
    expect(sockets).toHaveLength(1); // its own keep-alive socket, reused
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer zf_test_sk_agent');
    agent.destroy();
  });

  it('says what to pass when the agent is not one', () => {
    expect(() => nodeHttpTransport({ agent: {} as never })).toThrow(FlareError);
    expect(() => nodeHttpTransport({ agent: {} as never })).toThrow(/http\.Agent or https\.Agent/);
  });
});

// Proof 3: the same checks in Node, from the built package (vitest aliases @flare/edge to dist).
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { type Report, runChecks } from './runtime/checks.js';
import { expectClient, expectVectors, expectWorker } from './support/expect-report.js';
import { startStubServer } from './support/stub-server.js';

let server: Awaited<ReturnType<typeof startStubServer>>;
let report: Report;

beforeAll(async () => {
  server = await startStubServer();
  vi.stubEnv('FLARE_API_KEY', ''); // the missing-key check must not find one
  report = JSON.parse(JSON.stringify(await runChecks(server.url)));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

describe('@flare/edge in Node', () => {
  it('passes every shared webhook vector, in every payload form and as a Request', () => {
    expectVectors(report);
  });

  it('round-trips the client against a local node:http server', () => {
    expectClient(report, server.seen, /^flare-typescript\/\S+ node\/\d+/);
  });

  it('drains jobs with FlareWorker: results, a final failure, a release at the deadline', () => {
    expectWorker(report, server.seen);
  });
});

// Proof 2: the built package, bundled for Vercel Edge (`edge-light`), evaluated in an EdgeVM:
// a V8 context with only the edge runtime's Web APIs (no process, no Buffer, no require).
import { EdgeVM } from '@edge-runtime/vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from './runtime/checks.js';
import { bundle } from './support/bundle.js';
import { expectClient, expectVectors, expectWorker } from './support/expect-report.js';
import { startStubServer } from './support/stub-server.js';

let server: Awaited<ReturnType<typeof startStubServer>>;
let report: Report;

beforeAll(async () => {
  server = await startStubServer();
  const { code } = await bundle('test/runtime/edge-vm-entry.ts', {
    conditions: ['edge-light'],
    format: 'iife',
  });
  const vm = new EdgeVM();
  vm.evaluate(code);
  report = JSON.parse(await vm.evaluate(`runFlareChecks(${JSON.stringify(server.url)})`));
});

afterAll(() => server?.close());

describe('@flare/edge inside the edge runtime (EdgeVM)', () => {
  it('runs in a context that has neither process nor Buffer', () => {
    expect(report.globals).toEqual({ process: 'undefined', Buffer: 'undefined' });
  });

  it('passes every shared webhook vector, in every payload form and as a Request', () => {
    expectVectors(report);
  });

  it('round-trips the client against a local node:http server', () => {
    expectClient(report, server.seen, /^flare-typescript\/\S+ vercel-edge$/);
  });

  it('drains jobs with FlareWorker: results, a final failure, a release at the deadline', () => {
    expectWorker(report, server.seen);
  });
});

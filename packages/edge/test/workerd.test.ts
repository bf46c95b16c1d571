// Proof 1: the built package, bundled for Workers, inside workerd (Miniflare) WITHOUT nodejs_compat:
// a stray `Buffer`, `process` or Node built-in anywhere on these paths fails here.
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from './runtime/checks.js';
import { bundle } from './support/bundle.js';
import { expectClient, expectVectors, expectWorker } from './support/expect-report.js';
import { startStubServer } from './support/stub-server.js';

let server: Awaited<ReturnType<typeof startStubServer>>;
let worker: Miniflare;
let report: Report;

beforeAll(async () => {
  server = await startStubServer();
  const { code } = await bundle('test/runtime/workerd-entry.ts', {
    conditions: ['workerd', 'worker'],
  });
  worker = new Miniflare({
    modules: [{ type: 'ESModule', path: 'worker.js', contents: code }],
    compatibilityDate: '2025-09-01',
    compatibilityFlags: [], // deliberately no nodejs_compat
    bindings: { FLARE_BASE_URL: server.url },
  });
  const response = await worker.dispatchFetch('http://worker.test/');
  const text = await response.text();
  if (response.status !== 200) throw new Error(`the Worker failed: ${text}`);
  report = JSON.parse(text);
});

afterAll(async () => {
  await worker?.dispose();
  await server?.close();
});

describe('@flare/edge inside workerd (no nodejs_compat)', () => {
  it('runs in a Worker that has neither process nor Buffer', () => {
    expect(report.globals).toEqual({ process: 'undefined', Buffer: 'undefined' });
  });

  it('passes every shared webhook vector, in every payload form and as a Request', () => {
    expectVectors(report);
  });

  it('round-trips the client against a local node:http server', () => {
    expectClient(report, server.seen, /^flare-typescript\/\S+ workerd$/);
  });

  it('drains jobs with FlareWorker: results, a final failure, a release at the deadline', () => {
    expectWorker(report, server.seen);
  });
});

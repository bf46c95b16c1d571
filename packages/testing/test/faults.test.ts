// Socket-level faults through both fronts, observed by the built @flare/node client.
import {
  ConnectionError,
  FlareClient,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
} from '@flare/node';
import type { RunningServer } from '@flare/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFake } from './helpers/fidelity.js';

const fake = createFake();
const MSW_BASE = 'https://flare.msw.test';
let server: RunningServer;
const msw = setupServer(...fake.handlers(MSW_BASE));

beforeAll(async () => {
  server = await fake.listen();
  msw.listen({ onUnhandledRequest: 'bypass' });
});
afterEach(() => fake.reset());
afterAll(async () => {
  msw.close();
  await server.close();
});

const fronts = [
  [
    'node:http server + node:http transport',
    () => new FlareClient({ apiKey: 'zf_test_sk_fake', baseUrl: server.url, retryBaseDelayMs: 1 }),
  ],
  [
    'msw + fetch transport',
    () =>
      new FlareClient({
        apiKey: 'zf_test_sk_fake',
        baseUrl: MSW_BASE,
        fetch: (...a) => fetch(...a),
        retryBaseDelayMs: 1,
      }),
  ],
] as const;

describe.each(fronts)('faults via %s', (_name, client) => {
  it('resets the connection before processing: no job, a ConnectionError once retries are spent', async () => {
    fake.inject({ method: 'POST', path: '/v1/jobs', reset: true, times: 2 });
    const err = await client()
      .createJob({ job_type: 'A' }, { maxRetries: 1 })
      .catch((e: unknown) => e);
    expect(ConnectionError.isInstance(err)).toBe(true);
    expect(fake.jobs).toEqual([]);
  });

  it('resets after processing: the retry is replayed, so exactly one job exists', async () => {
    fake.inject({ method: 'POST', path: '/v1/jobs', reset: true, afterProcessing: true });
    const res = await client().createJob({ job_type: 'A' }).withResponse();
    expect(res).toMatchObject({ attempts: 2, replayed: true });
    expect(fake.jobs.map((j) => j.id)).toEqual([res.data.id]);
  });

  it('truncates a body mid-way: the client fails, then retries', async () => {
    fake.inject({ method: 'GET', path: '/v1/jobs', truncate: true });
    const res = await client().listJobs().withResponse();
    expect(res.attempts).toBe(2);
    fake.inject({ method: 'GET', path: '/v1/jobs', truncate: true });
    const failed = await client()
      .listJobs({}, { maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(ConnectionError.isInstance(failed)).toBe(true);
  });

  it('sends an oversized body past maxResponseBytes', async () => {
    fake.inject({ method: 'GET', path: '/v1/jobs', oversize: 2048 });
    const err = await new FlareClient({
      ...clientOptions(client()),
      maxResponseBytes: 1024,
      maxRetries: 0,
    })
      .listJobs()
      .catch((e: unknown) => e);
    expect(ResponseTooLargeError.isInstance(err)).toBe(true);
    fake.inject({ method: 'GET', path: '/v1/jobs', oversize: 4096 });
    const padded = await client().listJobs(); // whitespace-padded JSON still parses
    expect(padded.jobs).toEqual([]);
  });

  it('delays an answer past the client timeout', async () => {
    fake.inject({ method: 'GET', delayMs: 200 });
    const err = await client()
      .listJobs({}, { timeoutMs: 50, maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(TimeoutError.isInstance(err)).toBe(true);
  });

  it('sends a custom non-JSON status page', async () => {
    fake.inject({
      status: 502,
      body: '<html>Bad gateway</html>',
      headers: { 'content-type': 'text/html' },
      times: 1,
    });
    const err = await client()
      .listJobs({}, { maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(ServerError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ status: 502 });
  });
});

function clientOptions(c: FlareClient) {
  return { apiKey: 'zf_test_sk_fake', baseUrl: c.baseUrl, retryBaseDelayMs: 1 };
}

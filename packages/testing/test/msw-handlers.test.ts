// msw specifics: a base URL with a path prefix, and webhook deliveries passing through msw.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FlareClient, verifyWebhook } from '@flare/node';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFake } from './helpers/fidelity.js';

const received: { body: string; header: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ body, header: String(req.headers['zeridion-signature']) });
    res.writeHead(204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

const fake = createFake({ webhooks: { url: hookUrl, secret: 'whsec_msw' } });
// Unhandled requests fail the test: the fake's own webhook delivery must be let through.
const server = setupServer(...fake.handlers('https://gateway.example.test/flare/'));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  await new Promise((r) => receiver.close(r));
});

describe('fake.handlers()', () => {
  it('serves the API under a base URL with a path prefix', async () => {
    const client = new FlareClient({
      apiKey: 'zf_test_sk_fake',
      baseUrl: 'https://gateway.example.test/flare',
    });
    const job = await client.createJob({ job_type: 'A' });
    expect(fake.getJob(job.id)?.state).toBe('pending');
    expect(fake.requests.at(-1)?.path).toBe('/v1/jobs');
  });

  it('lets webhook deliveries to the configured URL pass through to the real endpoint', async () => {
    fake.completeJob(fake.createJob({ job_type: 'B' }).id);
    await fake.webhooksSettled();
    expect(fake.webhooks.at(-1)?.status).toBe('delivered');
    const last = received.at(-1)!;
    const event = await verifyWebhook({
      payload: last.body,
      header: last.header,
      secret: 'whsec_msw',
    });
    expect(event.type).toBe('job.succeeded');
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER } from '@flare/node';
import { describe, expect, it } from 'vitest';
import { createFake } from './helpers/fidelity.js';

/** A local receiver answering each delivery with the next status of `statuses` (then 204). */
async function receiver(statuses: number[] = []) {
  const received: { body: string; header: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, header: req.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined });
      res.writeHead(statuses.shift() ?? 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, close: () => new Promise((r) => server.close(r)) };
}

describe('webhooks', () => {
  it('collects signed events for every terminal transition when no endpoint is set', async () => {
    const fake = createFake();
    const a = fake.createJob({ job_type: 'A' });
    const b = fake.createJob({ job_type: 'B' });
    const c = fake.createJob({ job_type: 'C' });
    fake.completeJob(a.id, { n: 1 });
    fake.failJob(b.id, { message: 'no' });
    fake.cancelJob(c.id);
    fake.failJob(
      fake.createJob({ job_type: 'D' }).id,
      { message: 'try again' },
      { retryable: true },
    );
    expect(fake.webhooks.map((w) => [w.event.type, w.status])).toEqual([
      ['job.succeeded', 'collected'],
      ['job.failed', 'collected'],
      ['job.cancelled', 'collected'],
    ]);
    for (const w of fake.webhooks) {
      const event = await verifyWebhook({
        payload: w.payload,
        header: w.header,
        secret: fake.webhookSecret,
      });
      expect(event.id).toMatch(/^evt_/);
    }
  });

  it('delivers to a URL, retrying non-2xx answers with the same event id', async () => {
    const hooks = await receiver([500, 503]);
    const fake = createFake({
      webhooks: { url: hooks.url, secret: 'whsec_test', retryDelayMs: 5 },
    });
    fake.completeJob(fake.createJob({ job_type: 'A' }).id);
    await fake.webhooksSettled();
    expect(hooks.received).toHaveLength(3);
    expect(new Set(hooks.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    const last = hooks.received[2]!;
    await verifyWebhook({ payload: last.body, header: last.header, secret: 'whsec_test' });
    expect(fake.webhooks[0]).toMatchObject({
      status: 'delivered',
      attempts: [{ status: 500 }, { status: 503 }, { status: 204 }],
    });
    await hooks.close();
  });

  it('gives up after maxAttempts', async () => {
    const fake = createFake({
      webhooks: { url: 'http://127.0.0.1:9/unreachable', maxAttempts: 2, retryDelayMs: 1 },
    });
    fake.cancelJob(fake.createJob({ job_type: 'A' }).id);
    await fake.webhooksSettled();
    expect(fake.webhooks[0]).toMatchObject({ status: 'failed' });
    expect(fake.webhooks[0]!.attempts.map((a) => typeof a.error)).toEqual(['string', 'string']);
  });

  it('hands events to an in-process endpoint as signed Requests', async () => {
    const seen: string[] = [];
    const fake = createFake({
      webhooks: {
        secret: 'whsec_inproc',
        endpoint: async (request) => {
          const event = await verifyWebhook({ request, secret: 'whsec_inproc' });
          seen.push(event.type);
          return new Response(null, { status: 204 });
        },
      },
    });
    fake.failJob(fake.createJob({ job_type: 'A' }).id);
    await fake.webhooksSettled();
    expect(seen).toEqual(['job.failed']);
  });

  it('signs with the fake clock, so a receiver checks tolerance against fake time', async () => {
    const fake = createFake({ clock: { start: '2026-01-01T00:00:00Z' } });
    fake.completeJob(fake.createJob({ job_type: 'A' }).id);
    const w = fake.webhooks[0]!;
    expect(w.header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    const now = new Date(fake.clock.now());
    await verifyWebhook({ payload: w.payload, header: w.header, secret: fake.webhookSecret, now });
  });
});

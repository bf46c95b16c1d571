// The README's webhook routes (Express, Fastify, plain node:http, Fetch API), fed the largest event
// the contract can produce, with every content-type a sender might use.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WebhookVerificationError } from '@flare/node';
import { largestEvent } from '@flare/test-support/largest-event';
import express from 'express';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SECRET = 'whsec_routes_test_secret';
const BODY = largestEvent();
const signed = (body: string) => {
  const t = Math.floor(Date.now() / 1000);
  const hex = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${hex}`;
};
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  undefined,
];

/** The README's routes, written as it shows them; each answers 204 with `x-event` or 400. */
function expressApp() {
  const app = express();
  app.post('/webhooks/flare', express.raw({ type: () => true, limit: '2mb' }), async (req, res) => {
    try {
      const event = await verifyWebhook({
        payload: req.body,
        header: req.headers['zeridion-signature'],
        secret: SECRET,
      });
      res.set('x-event', event.type).sendStatus(204);
    } catch (err) {
      if (WebhookVerificationError.isInstance(err)) return res.status(400).send(err.reason);
      throw err;
    }
  });
  return http.createServer(app);
}

async function fastifyApp() {
  const app = Fastify();
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    scope.post('/webhooks/flare', async (req, reply) => {
      try {
        const event = await verifyWebhook({
          payload: req.body as Buffer,
          header: req.headers['zeridion-signature'],
          secret: SECRET,
        });
        return reply.code(204).header('x-event', event.type).send();
      } catch (err) {
        if (WebhookVerificationError.isInstance(err)) return reply.code(400).send(err.reason);
        throw err;
      }
    });
  });
  await app.ready();
  return app.server;
}

function nodeHttpApp() {
  return http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const event = await verifyWebhook({
        payload: Buffer.concat(chunks),
        header: req.headers['zeridion-signature'],
        secret: SECRET,
      });
      res.writeHead(204, { 'x-event': event.type }).end();
    } catch (err) {
      if (!WebhookVerificationError.isInstance(err)) throw err;
      res.writeHead(400).end(err.reason);
    }
  });
}

const servers: Record<string, http.Server> = {};
const urls: Record<string, string> = {};
beforeAll(async () => {
  servers.express = expressApp();
  servers.fastify = await fastifyApp();
  servers['node:http'] = nodeHttpApp();
  for (const [name, server] of Object.entries(servers)) {
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/flare`;
  }
});
afterAll(async () => {
  for (const server of Object.values(servers)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

async function deliver(url: string, body: string, headers: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
  // A Blob body: no content-type unless one is given.
  const res = await fetch(url, {
    method: 'POST',
    headers: clean as Record<string, string>,
    body: new Blob([body]),
  });
  return { status: res.status, event: res.headers.get('x-event'), text: await res.text() };
}

describe.each(['express', 'fastify', 'node:http'])('the README %s route', (name) => {
  it.each(CONTENT_TYPES)(
    'accepts the largest contract event (~1.5 MiB), content-type %s',
    async (type) => {
      expect(BODY.length).toBeGreaterThan(1.5 * 2 ** 20);
      const got = await deliver(urls[name]!, BODY, {
        'content-type': type,
        'zeridion-signature': signed(BODY),
      });
      expect(got).toMatchObject({ status: 204, event: 'job.succeeded' });
    },
  );

  it('answers 400, not 500, to a bad signature', async () => {
    const got = await deliver(urls[name]!, BODY, {
      'content-type': 'application/json',
      'zeridion-signature': signed('something else'),
    });
    expect(got).toMatchObject({ status: 400, text: 'no_matching_signature' });
  });
});

describe('a route without a raw body, or given two signature headers', () => {
  it('answers 400 invalid_payload when no raw parser ran (Express 5: req.body undefined)', async () => {
    const app = express();
    app.post('/', async (req, res) => {
      try {
        await verifyWebhook({
          payload: req.body,
          header: req.headers['zeridion-signature'],
          secret: SECRET,
        });
        res.sendStatus(204);
      } catch (err) {
        if (WebhookVerificationError.isInstance(err)) return res.status(400).send(err.reason);
        throw err;
      }
    });
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const got = await deliver(url, '{}', {
        'content-type': 'application/json',
        'zeridion-signature': signed('{}'),
      });
      expect(got).toMatchObject({ status: 400, text: 'invalid_payload' });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('rejects an array header (node:http with the header sent twice) as malformed_header', async () => {
    const error = await verifyWebhook({
      payload: BODY,
      header: [signed(BODY), signed(BODY)],
      secret: SECRET,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'malformed_header' });
  });
});

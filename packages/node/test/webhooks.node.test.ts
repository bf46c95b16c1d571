import crypto, { createHmac } from 'node:crypto';
import { nodeWebhookCrypto, verifyWebhook, WebhookVerificationError } from '@flare/node';
import { webhookVectors } from '@flare/test-support/webhook-vectors';
import { describe, expect, it, vi } from 'vitest';

const { vectors, secret: SECRET } = webhookVectors;
const byName = (name: string) => vectors.find((v) => v.name === name)!;
const VALID = byName('valid');
const UNICODE = byName('valid_non_ascii_utf8');

describe('nodeWebhookCrypto', () => {
  it('signs synchronously, like createHmac over "<t>." + body, for text and bytes', () => {
    for (const { payload } of [VALID, UNICODE]) {
      const expected = createHmac('sha256', SECRET).update(`1764547200.${payload}`).digest('hex');
      for (const body of [payload, Buffer.from(payload), new TextEncoder().encode(payload)]) {
        const mac = nodeWebhookCrypto.sign(SECRET, '1764547200', body);
        expect(mac).toBeInstanceOf(Uint8Array); // not a Promise: no await on the hot path
        expect(Buffer.from(mac as Uint8Array).toString('hex')).toBe(expected);
      }
    }
  });
});

describe('nodeWebhookCrypto key cache', () => {
  it('signs right for many secrets cycled past its bound, and for non-ASCII secrets', () => {
    const secrets = Array.from({ length: 40 }, (_, i) => `whsec_${i}_é🔑`);
    for (let round = 0; round < 3; round++) {
      for (const secret of secrets) {
        const mac = nodeWebhookCrypto.sign(secret, '42', VALID.payload) as Uint8Array;
        const expected = createHmac('sha256', secret).update(`42.${VALID.payload}`).digest();
        expect(Buffer.from(mac).equals(expected)).toBe(true);
      }
    }
  });
  it('keeps a hot secret while 16 others pass through (least recently used goes first)', () => {
    const createSecretKey = vi.spyOn(crypto, 'createSecretKey');
    const hot = 'whsec_hot_lru';
    const others = Array.from({ length: 16 }, (_, i) => `whsec_lru_other_${i}`);
    for (let round = 0; round < 5; round++) {
      for (const secret of others) {
        nodeWebhookCrypto.sign(hot, '42', VALID.payload);
        nodeWebhookCrypto.sign(secret, '42', VALID.payload);
      }
    }
    const hotImports = createSecretKey.mock.calls.filter(([key]) => String(key) === hot);
    createSecretKey.mockRestore();
    expect(hotImports).toHaveLength(1);
  });
});

describe('verifyWebhook (@flare/node) with Buffers', () => {
  it('accepts a Buffer payload, as express.raw() gives it', async () => {
    for (const vector of [VALID, UNICODE]) {
      const { header, now } = vector;
      const event = await verifyWebhook({
        payload: Buffer.from(vector.payload),
        header,
        secret: SECRET,
        now,
      });
      expect(event).toEqual(JSON.parse(vector.payload));
    }
  });

  it('signs only the bytes of Buffer and Uint8Array views at a non-zero byteOffset', async () => {
    const body = Buffer.from(UNICODE.payload);
    const padded = Buffer.concat([Buffer.from('{"junk":1}'), body, Buffer.from('garbage')]);
    const bufferView = padded.subarray(10, 10 + body.length);
    const typedView = new Uint8Array(padded.buffer, padded.byteOffset + 10, body.length);
    for (const payload of [bufferView, typedView]) {
      expect(payload.byteOffset).toBeGreaterThan(0);
      const { header, now } = UNICODE;
      await expect(verifyWebhook({ payload, header, secret: SECRET, now })).resolves.toEqual(
        JSON.parse(UNICODE.payload),
      );
    }
    // The same view shifted by one byte is a different body.
    const { header, now } = UNICODE;
    const shifted = padded.subarray(11, 11 + body.length);
    const run = verifyWebhook({ payload: shifted, header, secret: SECRET, now });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
    expect((error as WebhookVerificationError).reason).toBe('no_matching_signature');
  });

  it('accepts a Buffer pooled from Buffer.from (shared backing store)', async () => {
    const small = Buffer.from(byName('valid_compact_body').payload);
    const { header, now } = byName('valid_compact_body');
    await expect(
      verifyWebhook({ payload: small, header, secret: SECRET, now }),
    ).resolves.toMatchObject({
      object: 'event',
      type: 'job.failed',
    });
  });
});

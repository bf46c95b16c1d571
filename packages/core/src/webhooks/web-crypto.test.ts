import { afterEach, describe, expect, it, vi } from 'vitest';
import vectorFile from '../../../../spec/webhook-vectors.json' with { type: 'json' };
import { FlareError } from '../errors/flare-error.js';
import { createWebhookVerifier } from './verify-webhook.js';
import { webCryptoWebhookCrypto } from './web-crypto.js';

const SECRET = 'whsec_unit_test_secret';
const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The reference: Web Crypto over the plainly concatenated bytes. */
async function reference(secret: string, timestamp: string, payload: string): Promise<string> {
  const algorithm = { name: 'HMAC', hash: 'SHA-256' };
  const key = await crypto.subtle.importKey('raw', utf8(secret), algorithm, false, ['sign']);
  return hex(
    new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(`${timestamp}.${payload}`))),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('webCryptoWebhookCrypto', () => {
  it('reproduces the signature of the shared "valid" vector', async () => {
    const valid = vectorFile.vectors.find((v) => v.name === 'valid')!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(valid.header!)!;
    const mac = await webCryptoWebhookCrypto().sign(vectorFile.secret, t!, valid.payload);
    expect(hex(mac)).toBe(v1);
  });

  it.each([
    ['ASCII', '{"id":"evt_1"}'],
    ['empty', ''],
    ['2-byte characters', '{"name":"Zoë Müller, café"}'],
    ['3-byte characters', '{"note":"☕ €"}'],
    ['surrogate pairs', '{"emoji":"🎉👍🏽"}'],
    ['a lone surrogate (encoded as U+FFFD)', '{"broken":"\ud800x\udc00"}'],
    ['a non-ASCII tail after a long ASCII head', `${'a'.repeat(1000)}é`],
  ])('signs %s text and its UTF-8 bytes alike', async (_, payload) => {
    const webCrypto = webCryptoWebhookCrypto();
    const expected = await reference(SECRET, '1764547200', payload);
    expect(hex(await webCrypto.sign(SECRET, '1764547200', payload))).toBe(expected);
    expect(hex(await webCrypto.sign(SECRET, '1764547200', utf8(payload)))).toBe(expected);
  });

  it('signs only the bytes of a Uint8Array view into a larger buffer', async () => {
    const body = utf8('{"id":"evt_view"}');
    const backing = new Uint8Array(body.length + 20).fill(0x20);
    backing.set(body, 11);
    const view = backing.subarray(11, 11 + body.length);
    const mac = await webCryptoWebhookCrypto().sign(SECRET, '7', view);
    expect(hex(mac)).toBe(await reference(SECRET, '7', '{"id":"evt_view"}'));
  });

  it('imports a secret once for 100 sequential and 50 concurrent signatures', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const webCrypto = webCryptoWebhookCrypto();
    await Promise.all(Array.from({ length: 50 }, () => webCrypto.sign(SECRET, '1', 'x')));
    for (let i = 0; i < 100; i++) await webCrypto.sign(SECRET, '1', 'x');
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('imports a secret once for 100 verifications through createWebhookVerifier', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const verify = createWebhookVerifier(webCryptoWebhookCrypto());
    const valid = vectorFile.vectors.find((v) => v.name === 'valid')!;
    const { payload, header, now } = valid;
    for (let i = 0; i < 100; i++) await verify({ payload, header, secret: vectorFile.secret, now });
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('keeps at most 16 keys, evicting the oldest', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const webCrypto = webCryptoWebhookCrypto();
    const secrets = Array.from({ length: 17 }, (_, i) => `whsec_${i}`);
    for (const secret of secrets.slice(1)) await webCrypto.sign(secret, '1', 'x');
    for (const secret of secrets.slice(1)) await webCrypto.sign(secret, '1', 'x'); // all cached
    expect(importKey).toHaveBeenCalledTimes(16);
    await webCrypto.sign(secrets[0]!, '1', 'x'); // evicts whsec_1
    await webCrypto.sign(secrets[16]!, '1', 'x');
    expect(importKey).toHaveBeenCalledTimes(17);
    await webCrypto.sign(secrets[1]!, '1', 'x');
    expect(importKey).toHaveBeenCalledTimes(18);
  });

  it('does not cache a failed import', async () => {
    const importKey = vi
      .spyOn(crypto.subtle, 'importKey')
      .mockRejectedValueOnce(new Error('transient failure'));
    const webCrypto = webCryptoWebhookCrypto();
    await expect(webCrypto.sign(SECRET, '1', 'x')).rejects.toThrow('transient failure');
    await expect(webCrypto.sign(SECRET, '1', 'x')).resolves.toHaveLength(32);
    expect(importKey).toHaveBeenCalledTimes(2);
  });

  it('is created without crypto.subtle, and signing then fails with a fix-it FlareError', async () => {
    vi.stubGlobal('crypto', undefined);
    const webCrypto = webCryptoWebhookCrypto();
    const verify = createWebhookVerifier(webCrypto);
    const error = await Promise.resolve(webCrypto.sign(SECRET, '1', 'x')).then(
      () => expect.fail('expected sign to reject'),
      (e: unknown) => e,
    );
    expect(FlareError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /crypto\.subtle.*@flare\/node.*createWebhookVerifier/s,
    );
    expect((error as Error).message).not.toContain(SECRET);
    const valid = vectorFile.vectors.find((v) => v.name === 'valid')!;
    const { payload, header, now } = valid;
    await expect(verify({ payload, header, now, secret: vectorFile.secret })).rejects.toThrow(
      /crypto\.subtle/,
    );
  });
});

import { describe, expect, it, vi } from 'vitest';
import { FlareError } from '../errors/flare-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import type { WebhookEvent } from '../types/event.js';
import { createWebhookVerifier, DEFAULT_WEBHOOK_TOLERANCE_SEC } from './verify-webhook.js';
import { webCryptoWebhookCrypto } from './web-crypto.js';
import type { WebhookCrypto } from './webhook-crypto.js';

const SECRET = 'whsec_unit_secret_do_not_leak';
const T = 1_764_547_200;
const webCrypto = webCryptoWebhookCrypto();
const verify = createWebhookVerifier(webCrypto);
const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const job = { id: 'job_1', object: 'job', payload: { email: 'ada@example.com' } };
const EVENT = {
  id: 'evt_1',
  object: 'event',
  type: 'job.succeeded',
  created_at: 'x',
  data: { job },
};
const BODY = JSON.stringify(EVENT, null, 2);

async function header(payload: string | Uint8Array, t = T, secret = SECRET): Promise<string> {
  return `t=${t},v1=${hex(await webCrypto.sign(secret, String(t), payload))}`;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: Error) => error,
  );
}

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await rejection(promise);
  expect(WebhookVerificationError.isInstance(error), String(error)).toBe(true);
  expect(error.message).not.toContain(SECRET);
  return (error as WebhookVerificationError).reason;
}

describe('createWebhookVerifier', () => {
  it('needs a WebhookCrypto', () => {
    expect(() => createWebhookVerifier({} as WebhookCrypto)).toThrow(FlareError);
    expect(() => createWebhookVerifier(undefined as never)).toThrow(/sign\(secret, timestamp/);
  });

  it('resolves to the typed event', async () => {
    const event = await verify<{ email: string }>({
      payload: BODY,
      header: await header(BODY),
      secret: SECRET,
      now: T,
    });
    expect(event).toEqual(EVENT);
    const email: string = event.data.job.payload.email;
    expect(email).toBe('ada@example.com');
    const typed: WebhookEvent<{ email: string }> = event;
    expect(typed.object).toBe('event');
  });

  it('computes one MAC per secret whatever the number of v1 entries, and stops at a match', async () => {
    const sign = vi.fn(webCrypto.sign);
    const verifyWith = createWebhookVerifier({ sign });
    const good = await header(BODY);
    const bad = await header(BODY, T, 'whsec_other');
    const both = `${bad},v1=${good.slice(good.indexOf('v1=') + 3)},v1=${'0'.repeat(64)}`;
    await verifyWith({
      payload: BODY,
      header: both,
      secret: ['whsec_a', SECRET, 'whsec_b'],
      now: T,
    });
    expect(sign.mock.calls.map(([secret]) => secret)).toEqual(['whsec_a', SECRET]);
  });

  it('uses a synchronous port and its timingSafeEqual, only on equal lengths', async () => {
    const mac = await webCrypto.sign(SECRET, String(T), BODY);
    const timingSafeEqual = vi.fn((a: Uint8Array, b: Uint8Array) => hex(a) === hex(b));
    const syncVerify = createWebhookVerifier({ sign: () => mac, timingSafeEqual });
    await expect(
      syncVerify({ payload: BODY, header: await header(BODY), secret: SECRET, now: T }),
    ).resolves.toEqual(EVENT);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);

    const shortVerify = createWebhookVerifier({ sign: () => mac.subarray(0, 16), timingSafeEqual });
    const run = shortVerify({ payload: BODY, header: await header(BODY), secret: SECRET, now: T });
    expect(await reasonOf(run)).toBe('no_matching_signature');
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  it('fails with a FlareError when a custom port returns something other than bytes', async () => {
    const hexVerify = createWebhookVerifier({ sign: async () => 'ab'.repeat(32) as never });
    const error = await rejection(
      hexVerify({ payload: BODY, header: await header(BODY), secret: SECRET, now: T }),
    );
    expect(FlareError.isInstance(error) && !WebhookVerificationError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/Uint8Array/);
  });
});

describe('verifyWebhook arguments', () => {
  it('rejects options that are not an object with a FlareError', async () => {
    for (const options of [undefined, null, 'payload']) {
      const error = await rejection(verify(options as never));
      expect(error).toBeInstanceOf(FlareError);
      expect(error.message).toMatch(/\{ payload, header, secret \}/);
    }
  });

  it('checks the payload type before looking at the header', async () => {
    const run = verify({ payload: EVENT as never, header: undefined, secret: SECRET, now: T });
    expect(await reasonOf(run)).toBe('invalid_payload');
  });

  it('rejects a header that is not a string with a FlareError', async () => {
    const run = verify({ payload: BODY, header: 42 as never, secret: SECRET, now: T });
    expect((await rejection(run)).message).toMatch(/req\.headers\['zeridion-signature'\]/);
  });

  it('rejects a header given as an array (several headers) as malformed_header', async () => {
    const run = verify({ payload: BODY, header: ['t=1', 't=2'] as never, secret: SECRET, now: T });
    expect(await reasonOf(run)).toBe('malformed_header');
  });

  it('rejects a missing body (no raw parser ran) as invalid_payload', async () => {
    for (const payload of [undefined, null]) {
      const run = verify({ payload: payload as never, header: undefined, secret: SECRET, now: T });
      expect(await reasonOf(run)).toBe('invalid_payload');
    }
  });

  it('treats a whitespace-only header as missing', async () => {
    expect(await reasonOf(verify({ payload: BODY, header: '  ', secret: SECRET, now: T }))).toBe(
      'missing_header',
    );
  });

  it('says `now` is seconds when given milliseconds', async () => {
    const run = verify({
      payload: BODY,
      header: await header(BODY),
      secret: SECRET,
      now: T * 1000,
    });
    expect((await rejection(run)).message).toMatch(/looks like milliseconds/);
  });

  it('accepts other ArrayBuffer views (DataView) by their bytes only', async () => {
    const bytes = utf8(BODY);
    const backing = new Uint8Array(bytes.length + 8);
    backing.set(bytes, 4);
    const view = new DataView(backing.buffer, 4, bytes.length);
    const run = verify({
      payload: view as never,
      header: await header(BODY),
      secret: SECRET,
      now: T,
    });
    await expect(run).resolves.toEqual(EVENT);
  });
});

describe('verifyWebhook timestamps', () => {
  it(`allows ${DEFAULT_WEBHOOK_TOLERANCE_SEC} s both ways by default, with fractional now`, async () => {
    const h = await header(BODY);
    const at = (now: number) => verify({ payload: BODY, header: h, secret: SECRET, now });
    await expect(at(T + 300)).resolves.toEqual(EVENT);
    await expect(at(T - 300)).resolves.toEqual(EVENT);
    expect(await reasonOf(at(T + 300.001))).toBe('timestamp_too_old');
    expect(await reasonOf(at(T - 300.001))).toBe('timestamp_too_new');
  });

  it('honours a custom tolerance and defaults now to the clock', async () => {
    const now = Math.floor(Date.now() / 1000);
    const h = await header(BODY, now - 10);
    await expect(verify({ payload: BODY, header: h, secret: SECRET })).resolves.toEqual(EVENT);
    const strict = verify({ payload: BODY, header: h, secret: SECRET, toleranceSec: 5 });
    const error = await rejection(strict);
    expect(error).toMatchObject({ reason: 'timestamp_too_old' });
    expect(error.message).toMatch(/signed 1\d s ago, more than the 5 s tolerance/);
  });
});

describe('verifyWebhook payloads', () => {
  it('rejects authentic bytes that are not UTF-8, and a BOM, as invalid_payload', async () => {
    const latin1 = Uint8Array.from([0x7b, 0xe9, 0x7d]); // "{é}" in Latin-1
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(BODY)]);
    for (const payload of [latin1, withBom]) {
      const run = verify({ payload, header: await header(payload), secret: SECRET, now: T });
      expect(await reasonOf(run)).toBe('invalid_payload');
    }
    const bomText = `\ufeff${BODY}`;
    const run = verify({ payload: bomText, header: await header(bomText), secret: SECRET, now: T });
    expect(await reasonOf(run)).toBe('invalid_payload');
  });

  it.each([
    ['{"object":"event"}'],
    [JSON.stringify({ ...EVENT, object: 'job' })],
    [JSON.stringify({ ...EVENT, id: 1 })],
    [JSON.stringify({ ...EVENT, type: 1 })],
    [JSON.stringify({ ...EVENT, created_at: null })],
    [JSON.stringify({ ...EVENT, data: null })],
    [JSON.stringify({ ...EVENT, data: { job: [] } })],
    [JSON.stringify([EVENT])],
    ['null'],
    ['"event"'],
  ])('rejects the authentic non-event %s', async (payload) => {
    const error = await rejection(
      verify({ payload, header: await header(payload), secret: SECRET, now: T }),
    );
    expect(error).toMatchObject({ reason: 'invalid_payload' });
    expect(error.message).toMatch(/not a Flare event/);
  });
});

describe('the re-serialised hint', () => {
  const HINT = /looks re-serialised/;
  const messageFor = async (payload: string | Uint8Array, signed: string) =>
    (await rejection(verify({ payload, header: await header(signed), secret: SECRET, now: T })))
      .message;

  it('is given for JSON.stringify output without whitespace, as text or bytes', async () => {
    const compact = JSON.stringify(EVENT);
    expect(await messageFor(compact, BODY)).toMatch(HINT);
    expect(await messageFor(utf8(compact), BODY)).toMatch(HINT);
  });

  it('is not given for pretty, spaced, non-JSON or undecodable bodies, and never throws', async () => {
    const spaced = JSON.stringify({ ...EVENT, note: 'has a space' });
    for (const payload of [BODY, spaced, 'not-json', '', '{"a":1.0}', Uint8Array.of(0xff)]) {
      expect(await messageFor(payload, 'something else')).not.toMatch(HINT);
    }
    // Deep enough to overflow a recursive JSON.stringify: the hint may or may not come, but the
    // verdict stays no_matching_signature.
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const run = verify({ payload: deep, header: await header('x'), secret: SECRET, now: T });
    expect(await reasonOf(run)).toBe('no_matching_signature');
  });
});

describe('verifyWebhook with a Request', () => {
  const post = (body: string, headers: Record<string, string>) =>
    new Request('https://example.test/hook', { method: 'POST', body, headers });

  it('does not read the body when the header is missing or malformed', async () => {
    for (const headers of [{}, { 'zeridion-signature': 'nonsense' }]) {
      const request = post(BODY, headers);
      const clone = vi.spyOn(request, 'clone');
      await rejection(verify({ request, secret: SECRET, now: T }));
      expect(clone).not.toHaveBeenCalled();
    }
  });

  it('fails with a fix-it FlareError when the body was already read', async () => {
    const request = post(BODY, { 'zeridion-signature': await header(BODY) });
    await request.text();
    const error = await rejection(verify({ request, secret: SECRET, now: T }));
    expect(error).toBeInstanceOf(FlareError);
    expect(error.message).toMatch(/already read.*\{ payload, header, secret \}/s);
  });

  it('rejects something that is not a Request with a FlareError', async () => {
    const error = await rejection(
      verify({ request: { body: BODY } as never, secret: SECRET, now: T }),
    );
    expect(error).toBeInstanceOf(FlareError);
    expect(error.message).toMatch(/Fetch API Request/);
  });
});

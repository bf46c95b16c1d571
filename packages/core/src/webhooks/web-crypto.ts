import { FlareError } from '../errors/flare-error.js';
import type { WebhookCrypto } from './webhook-crypto.js';

/** How many imported keys one instance keeps; rotation needs two, a multi-tenant app a few. */
const KEY_CACHE_SIZE = 16;
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;

/**
 * A `WebhookCrypto` on the standard Web Crypto API (`globalThis.crypto.subtle`): Node ≥ 20,
 * Cloudflare Workers, Vercel Edge, Deno, Bun and browsers. Imported keys are cached per secret.
 * The runtime is looked up on first use, so creating one never throws; signing throws a
 * `FlareError` when the runtime has no `crypto.subtle`.
 *
 * @example
 * ```ts
 * const verifyWebhook = createWebhookVerifier(webCryptoWebhookCrypto());
 * const event = await verifyWebhook({ request, secret: env.FLARE_WEBHOOK_SECRET });
 * ```
 */
export function webCryptoWebhookCrypto(): WebhookCrypto {
  const encoder = new TextEncoder();
  // Promises, not keys, so that concurrent first calls with one secret import it once.
  const keys = new Map<string, Promise<CryptoKey>>();
  let subtle: SubtleCrypto | undefined;

  function importKey(secret: string): Promise<CryptoKey> {
    let key = keys.get(secret);
    if (key === undefined) {
      subtle ??= getSubtle();
      key = subtle.importKey('raw', encoder.encode(secret), HMAC_SHA256, false, ['sign']);
      if (keys.size >= KEY_CACHE_SIZE) keys.delete(keys.keys().next().value!);
      keys.set(secret, key);
      // A failed import must not stay cached.
      const failed = key;
      failed.catch(() => keys.get(secret) === failed && keys.delete(secret));
    }
    return key;
  }

  /** `${timestamp}.` + payload as UTF-8, in one array of exactly the right size. */
  function signedBytes(timestamp: string, payload: Uint8Array | string): Uint8Array<ArrayBuffer> {
    const prefix = utf8Length(timestamp) + 1;
    if (typeof payload !== 'string') {
      const bytes = prefixed(timestamp, prefix, payload.byteLength);
      bytes.set(payload, prefix);
      return bytes;
    }
    // An ASCII payload (the usual case) takes one byte per character: try that first.
    let bytes = prefixed(timestamp, prefix, payload.length);
    if (encoder.encodeInto(payload, bytes.subarray(prefix)).read === payload.length) return bytes;
    bytes = prefixed(timestamp, prefix, utf8Length(payload));
    encoder.encodeInto(payload, bytes.subarray(prefix));
    return bytes;
  }

  function prefixed(timestamp: string, prefix: number, rest: number): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(prefix + rest);
    encoder.encodeInto(timestamp, bytes);
    bytes[prefix - 1] = 0x2e; // '.'
    return bytes;
  }

  return {
    async sign(secret, timestamp, payload) {
      const key = await importKey(secret);
      return new Uint8Array(await subtle!.sign('HMAC', key, signedBytes(timestamp, payload)));
    },
  };
}

function getSubtle(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new FlareError(
      'Cannot verify the webhook: this runtime has no Web Crypto (globalThis.crypto.subtle). ' +
        'On Node.js import verifyWebhook from @flare/node; elsewhere pass your own HMAC-SHA256 ' +
        'to createWebhookVerifier({ sign }).',
    );
  }
  return subtle;
}

/** Bytes `TextEncoder` produces for `text` (lone surrogates become 3-byte U+FFFD). */
function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      length += 1;
    } else if (code < 0xdc00 && code >= 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else {
      length += 2;
    }
  }
  return length;
}

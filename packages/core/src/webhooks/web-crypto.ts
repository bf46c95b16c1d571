import { fail } from '../errors/invalid.js';
import type { WebhookCrypto } from './webhook-crypto.js';

/** `true` in the edge build (conditions workerd, edge-light, worker), `false` elsewhere: tsup.config.ts. */
declare const __FLARE_EDGE__: boolean;

/**
 * A `WebhookCrypto` on the standard Web Crypto API (`globalThis.crypto.subtle`): Node ≥ 20,
 * Cloudflare Workers, Vercel Edge, Deno, Bun and browsers. Imported keys are cached per secret
 * (the 16 most recently used: rotation needs two, a multi-tenant app a few). The runtime is
 * looked up on use, so creating one never throws; signing throws a `FlareError` when the runtime
 * has no `crypto.subtle`.
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

  return {
    async sign(secret, timestamp, payload) {
      // Every edge runtime has it; elsewhere (an old Node, an insecure page) say what to do.
      const subtle = __FLARE_EDGE__
        ? crypto.subtle
        : ((globalThis as { crypto?: Crypto }).crypto?.subtle ??
          fail('No crypto.subtle: use @flare/node or createWebhookVerifier({ sign })'));
      let key = keys.get(secret);
      // A hit moves to the back, so the key evicted past 16 is the least recently used one.
      if (key) keys.delete(secret);
      else {
        const imported = subtle.importKey(
          'raw',
          encoder.encode(secret),
          { name: 'HMAC', hash: 'SHA-256' },
          false,
          ['sign'],
        );
        if (keys.size > 15) keys.delete(keys.keys().next().value!);
        // A failed import must not stay cached.
        imported.catch(() => keys.get(secret) === imported && keys.delete(secret));
        key = imported;
      }
      keys.set(secret, key);
      // `${timestamp}.` + the payload's UTF-8 bytes.
      let data: Uint8Array<ArrayBuffer>;
      if (typeof payload === 'string') {
        data = encoder.encode(`${timestamp}.${payload}`);
      } else {
        const prefix = encoder.encode(`${timestamp}.`);
        data = new Uint8Array(prefix.length + payload.byteLength);
        data.set(prefix);
        data.set(payload, prefix.length);
      }
      return new Uint8Array(await subtle.sign('HMAC', await key, data));
    },
  };
}

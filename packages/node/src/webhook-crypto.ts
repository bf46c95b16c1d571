import type { KeyObject } from 'node:crypto';
import type { WebhookCrypto } from '@flare/core';
import { nodeCrypto } from './builtins.js';

/**
 * Secrets as `KeyObject`s, made once (the 16 most recently used): an HMAC keyed by a string
 * re-encodes the key every call.
 */
const keys = new Map<string, KeyObject>();

function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    key = nodeCrypto().createSecretKey(Buffer.from(secret, 'utf8'));
    // A process verifies with one or two secrets; the bound only matters for code that cycles many.
    if (keys.size > 15) keys.delete(keys.keys().next().value as string);
    keys.set(secret, key);
  } else if (keys.size > 1) {
    // A hit moves to the back, so the key evicted past 16 is the least recently used one. (With
    // one secret, the usual case, order does not matter and the hot path skips two map writes.)
    keys.delete(secret);
    keys.set(secret, key);
  }
  return key;
}

/**
 * The `WebhookCrypto` port on `node:crypto`: a synchronous HMAC-SHA256 that streams `"<t>."` and
 * then the body into the MAC (the body is never concatenated or copied; a Buffer or Uint8Array view
 * is hashed in place). `verifyWebhook` from `@flare/node` is built on it.
 *
 * Signatures are compared with `crypto.timingSafeEqual`, which is constant-time in native code
 * (a JIT-compiled JavaScript loop gives weaker guarantees).
 *
 * @example
 * ```ts
 * import { createWebhookVerifier, nodeWebhookCrypto } from '@flare/node';
 *
 * const verifyWebhook = createWebhookVerifier(nodeWebhookCrypto);
 * ```
 */
export const nodeWebhookCrypto: WebhookCrypto = {
  sign(secret, timestamp, payload) {
    // Two updates: each is a native call, and only the short prefix is concatenated.
    return nodeCrypto()
      .createHmac('sha256', keyOf(secret))
      .update(`${timestamp}.`)
      .update(payload)
      .digest();
  },
  timingSafeEqual: (a, b) => a.byteLength === b.byteLength && nodeCrypto().timingSafeEqual(a, b),
};

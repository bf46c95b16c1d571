/**
 * The platform port webhook verification needs: an HMAC-SHA256 and, optionally, a native
 * constant-time compare. Core ships a Web Crypto implementation (`webCryptoWebhookCrypto`);
 * `@flare/node` ships one on `node:crypto`. Pass your own to `createWebhookVerifier` on a runtime
 * that has neither.
 *
 * @example
 * ```ts
 * import { createHmac } from 'node:crypto';
 *
 * const nodeCrypto: WebhookCrypto = {
 *   sign: (secret, timestamp, payload) =>
 *     createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest(),
 * };
 * const verifyWebhook = createWebhookVerifier(nodeCrypto);
 * ```
 */
export interface WebhookCrypto {
  /**
   * HMAC-SHA256 keyed with `secret` (its UTF-8 bytes) over `${timestamp}.` followed by the
   * payload bytes (a string payload stands for its UTF-8 bytes). May answer synchronously.
   * A `Uint8Array` payload may be a view into a larger buffer: sign only the view's bytes.
   */
  sign(
    secret: string,
    timestamp: string,
    payload: Uint8Array | string,
  ): Uint8Array | Promise<Uint8Array>;
  /**
   * Optional constant-time compare of two arrays of equal length (core checks the lengths
   * first); core falls back to its own portable compare.
   */
  timingSafeEqual?(a: Uint8Array, b: Uint8Array): boolean;
}

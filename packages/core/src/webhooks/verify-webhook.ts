declare const __FLARE_EDGE__: boolean;

import { fail } from '../errors/invalid.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { isObject } from '../internal/is-object.js';
import type { WebhookEvent } from '../types/event.js';
import type { PayloadShape } from '../types/job.js';
import { checkTimestamp } from './check-timestamp.js';
import { constantTimeEqual } from './constant-time.js';
import { parseSignatureHeader } from './parse-signature-header.js';
import { readPayload, readRequestBody, readRequestHeader } from './verify-webhook-input.js';
import type {
  VerifyWebhook,
  VerifyWebhookOptions,
  VerifyWebhookRequestOptions,
} from './verify-webhook-options.js';
import type { WebhookCrypto } from './webhook-crypto.js';
import { parseWebhookEvent, reserialisedHint } from './webhook-event.js';

export type { VerifyWebhook, VerifyWebhookOptions, VerifyWebhookRequestOptions };

/**
 * The name of the header Flare signs webhooks in.
 * @example
 * ```ts
 * const header = req.headers[WEBHOOK_SIGNATURE_HEADER]; // 't=1764547200,v1=5257a8…'
 * ```
 */
export const WEBHOOK_SIGNATURE_HEADER = 'zeridion-signature';

/**
 * How far (in seconds, both directions) a webhook's timestamp may be from now by default.
 * @example
 * ```ts
 * await verifyWebhook({ payload, header, secret, toleranceSec: DEFAULT_WEBHOOK_TOLERANCE_SEC * 2 });
 * ```
 */
export const DEFAULT_WEBHOOK_TOLERANCE_SEC = 300;

/**
 * Builds a `verifyWebhook` on a given HMAC implementation. The signature is checked first, in
 * constant time against every `v1` entry and every secret; then the timestamp; then the body.
 * @example
 * ```ts
 * const verifyWebhook = createWebhookVerifier(webCryptoWebhookCrypto());
 * const event = await verifyWebhook({ payload: rawBody, header, secret: 'whsec_…' });
 * ```
 */
export function createWebhookVerifier(crypto: WebhookCrypto): VerifyWebhook {
  if (typeof crypto?.sign !== 'function') {
    fail('createWebhookVerifier needs { sign(secret, timestamp, payload) }');
  }
  return verifierFor(crypto);
}

/**
 * `createWebhookVerifier` without the check of its port: for a port this package built itself
 * (`verifyWebhook`), so a bundle that only verifies does not carry the check's message.
 */
export function verifierFor(crypto: WebhookCrypto): VerifyWebhook {
  const native = crypto.timingSafeEqual;
  const equal = native
    ? (a: Uint8Array, b: Uint8Array) => a.length === b.length && native.call(crypto, a, b)
    : constantTimeEqual;

  return async function verifyWebhook<TPayload extends PayloadShape, TResult>(
    options: VerifyWebhookOptions | VerifyWebhookRequestOptions,
  ): Promise<WebhookEvent<TPayload, TResult>> {
    if (!isObject(options)) {
      fail('verifyWebhook takes { payload, header, secret } or { request, secret }');
    }
    const {
      request,
      toleranceSec = DEFAULT_WEBHOOK_TOLERANCE_SEC,
      now = Date.now() / 1000,
    } = options;
    // Arguments first: a wrong one is a bug whatever the request holds. No message echoes one.
    const secrets: unknown[] = Array.isArray(options.secret) ? options.secret : [options.secret];
    // A loop, not every(): no closure on the hot path (one to two secrets per call).
    for (const secret of secrets.length ? secrets : [0]) {
      if (typeof secret !== 'string' || !secret) {
        fail('secret must be a whsec_... string or a list of them (env var set?)');
      }
    }
    // NaN fails `>= 0`; Infinity means no check.
    if (typeof toleranceSec !== 'number' || !(toleranceSec >= 0)) {
      fail('toleranceSec must be seconds >= 0');
    }
    const nowSec = (now instanceof Date ? +now / 1000 : now) as number;
    // Also false for anything but a number.
    if (!Number.isFinite(nowSec)) fail('now must be unix seconds or a Date');
    // Past the year 5000 in seconds: surely milliseconds.
    if (nowSec > 1e11) {
      fail('now looks like milliseconds: pass seconds (Date.now() / 1000)');
    }
    const viaRequest = request !== undefined;
    const payload = viaRequest ? undefined : readPayload(options.payload);
    const header = viaRequest
      ? readRequestHeader(request, WEBHOOK_SIGNATURE_HEADER)
      : options.header;
    // Several zeridion-signature headers (Node gives an array): not what Flare sends.
    if (!__FLARE_EDGE__ && Array.isArray(header)) {
      throw new WebhookVerificationError(
        'malformed_header',
        'More than one zeridion-signature header',
      );
    }
    if (header != null && typeof header !== 'string') {
      fail("header must be a string or null, e.g. req.headers['zeridion-signature']");
    }
    // Only a header that starts with whitespace needs the (allocating) trim to tell if it is blank.
    if (!header || ((__FLARE_EDGE__ || header.charCodeAt(0) <= 32) && !header.trim())) {
      throw new WebhookVerificationError('missing_header', 'No zeridion-signature header');
    }
    const { timestamp, timestampSec, signatures } = parseSignatureHeader(header);
    // A request's body is read only once its header is known to be usable.
    const body = payload ?? (await readRequestBody(request!));

    let matched = false;
    for (const secret of secrets as string[]) {
      const mac = crypto.sign(secret, timestamp, body);
      // Skip the extra microtask of `await` when the port answers synchronously (node:crypto;
      // Web Crypto never does).
      const expected = __FLARE_EDGE__ || !(mac instanceof Uint8Array) ? await mac : mac;
      if (!(expected instanceof Uint8Array)) {
        fail('WebhookCrypto.sign must return a Uint8Array');
      }
      // Every entry is compared, so the time taken does not reveal which one matched.
      for (const signature of signatures) if (equal(expected, signature)) matched = true;
      if (matched) break;
    }
    if (!matched) {
      throw new WebhookVerificationError(
        'no_matching_signature',
        `No signature matches: check the secret and pass the raw body${reserialisedHint(body)}`,
      );
    }
    checkTimestamp(nowSec - timestampSec, toleranceSec);
    return parseWebhookEvent(body) as WebhookEvent<TPayload, TResult>;
  };
}

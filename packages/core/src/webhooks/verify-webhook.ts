import { FlareError } from '../errors/flare-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import type { WebhookEvent } from '../types/event.js';
import type { JsonObject } from '../types/job.js';
import { checkTimestamp } from './check-timestamp.js';
import { constantTimeEqual } from './constant-time.js';
import { parseSignatureHeader } from './parse-signature-header.js';
import { readRequestBody, readRequestHeader } from './read-request.js';
import {
  badSign,
  checkOptions,
  readHeader,
  readNow,
  readPayload,
  readSecrets,
  readTolerance,
} from './verify-webhook-input.js';
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
    throw new FlareError(
      'createWebhookVerifier needs a WebhookCrypto: an object with sign(secret, timestamp, payload) ' +
        'returning the HMAC-SHA256 bytes.',
    );
  }
  const native = crypto.timingSafeEqual;
  const equal = native
    ? (a: Uint8Array, b: Uint8Array) => a.length === b.length && native.call(crypto, a, b)
    : constantTimeEqual;

  return async function verifyWebhook<TPayload extends JsonObject, TResult>(
    options: VerifyWebhookOptions | VerifyWebhookRequestOptions,
  ): Promise<WebhookEvent<TPayload, TResult>> {
    checkOptions(options);
    const secrets = readSecrets(options.secret);
    const toleranceSec = readTolerance(options.toleranceSec, DEFAULT_WEBHOOK_TOLERANCE_SEC);
    const nowSec = readNow(options.now);
    const viaRequest = options.request !== undefined;
    // Arguments first: a wrong one is a bug whatever the request holds.
    let payload = viaRequest ? undefined : readPayload(options.payload);
    const header = viaRequest
      ? readRequestHeader(options.request, WEBHOOK_SIGNATURE_HEADER)
      : readHeader(options.header);
    if (header === null || header === undefined || header.trim() === '') {
      throw new WebhookVerificationError(
        'missing_header',
        'The request has no zeridion-signature header, so it cannot be verified: make sure it ' +
          'comes from Flare and that your framework passes the header on.',
      );
    }
    const { timestamp, timestampSec, signatures } = parseSignatureHeader(header);
    // A request's body is read only once its header is known to be usable.
    payload ??= await readRequestBody(options.request!);

    let matched = false;
    const count = typeof secrets === 'string' ? 1 : secrets.length;
    for (let i = 0; i < count && !matched; i++) {
      const secret = typeof secrets === 'string' ? secrets : secrets[i]!;
      const mac = crypto.sign(secret, timestamp, payload);
      // Skip the extra microtask of `await` when the port answers synchronously (node:crypto).
      const expected = mac instanceof Uint8Array ? mac : await mac;
      if (!(expected instanceof Uint8Array)) throw badSign();
      // Every entry is compared, so the time taken does not reveal which one matched.
      for (let j = 0; j < signatures.length; j++) {
        if (equal(expected, signatures[j]!)) matched = true;
      }
    }
    if (!matched) {
      throw new WebhookVerificationError(
        'no_matching_signature',
        `No v1 signature in the zeridion-signature header matches this payload and ${
          count === 1 ? 'secret' : 'any of the secrets'
        }: check that you use this endpoint's signing secret and pass the body exactly as ` +
          `received.${reserialisedHint(payload)}`,
      );
    }

    checkTimestamp(nowSec - timestampSec, toleranceSec);
    return parseWebhookEvent(payload) as WebhookEvent<TPayload, TResult>;
  };
}

import { type VerifyWebhook, verifierFor } from './verify-webhook.js';
import { webCryptoWebhookCrypto } from './web-crypto.js';

/**
 * Verifies a Flare webhook with the Web Crypto API (Node ≥ 20, Workers, Vercel Edge, Deno, Bun)
 * and resolves to its event. Pass the RAW body and the `zeridion-signature` header, or a Fetch
 * API `Request`. Rejects with a `WebhookVerificationError` (answer 400) whose `reason` says why.
 * Importing this never throws: a runtime without `crypto.subtle` fails at the first call.
 *
 * @example
 * ```ts
 * export default {
 *   async fetch(request: Request, env: { FLARE_WEBHOOK_SECRET: string }) {
 *     try {
 *       const event = await verifyWebhook({ request, secret: env.FLARE_WEBHOOK_SECRET });
 *       if (event.type === 'job.failed') console.warn(event.data.job.last_error);
 *       return new Response(null, { status: 204 });
 *     } catch (err) {
 *       if (WebhookVerificationError.isInstance(err)) return new Response(err.reason, { status: 400 });
 *       throw err;
 *     }
 *   },
 * };
 * ```
 */
export const verifyWebhook: VerifyWebhook = /* @__PURE__ */ verifierFor(
  /* @__PURE__ */ webCryptoWebhookCrypto(),
);

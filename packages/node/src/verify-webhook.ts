import { createWebhookVerifier, type VerifyWebhook } from '@flare/core';
import { nodeWebhookCrypto } from './webhook-crypto.js';

/**
 * Verifies a Flare webhook with `node:crypto` and resolves to its event. Pass the RAW body (a
 * `Buffer` is a `Uint8Array`, so `express.raw()` output goes in as is) and the
 * `zeridion-signature` header; or a Fetch API `Request`. Rejects with a `WebhookVerificationError`
 * (answer 400) whose `reason` says why.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { verifyWebhook, WebhookVerificationError } from '@flare/node';
 *
 * app.post('/webhooks/flare', express.raw({ type: 'application/json' }), async (req, res) => {
 *   try {
 *     const event = await verifyWebhook({
 *       payload: req.body, // Buffer: the raw bytes, never JSON.stringify(req.body)
 *       header: req.get('zeridion-signature'),
 *       secret: process.env.FLARE_WEBHOOK_SECRET!,
 *     });
 *     if (event.type === 'job.failed') console.warn(event.data.job.last_error);
 *     res.sendStatus(204);
 *   } catch (err) {
 *     if (WebhookVerificationError.isInstance(err)) return res.status(400).send(err.reason);
 *     throw err;
 *   }
 * });
 * ```
 */
export const verifyWebhook: VerifyWebhook = createWebhookVerifier(nodeWebhookCrypto);

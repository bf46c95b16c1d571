import type { WebhookEvent } from '../types/event.js';
import type { JsonObject, PayloadShape } from '../types/job.js';

/**
 * What to verify: the raw body and the `zeridion-signature` header, as your framework gives them.
 * @example
 * ```ts
 * // Express: app.post('/webhooks/flare', express.raw({ type: () => true, limit: '2mb' }), handler)
 * const options: VerifyWebhookOptions = {
 *   payload: req.body, // a Buffer: the raw bytes
 *   header: req.headers['zeridion-signature'],
 *   secret: process.env.FLARE_WEBHOOK_SECRET!,
 * };
 * ```
 */
export interface VerifyWebhookOptions {
  /** The RAW request body, byte for byte; never a parsed or re-serialised object. */
  payload: string | Uint8Array | ArrayBuffer;
  /**
   * The `zeridion-signature` header's value; `null`/`undefined` when absent. Node's `string[]`
   * (the header sent more than once) rejects with `malformed_header`.
   */
  header: string | readonly string[] | null | undefined;
  /** The endpoint's signing secret (`whsec_…`), or several during a rotation. */
  secret: string | readonly string[];
  /** Allowed distance of the signed timestamp from `now`, both ways. Default 300; `Infinity` disables. */
  toleranceSec?: number | undefined;
  /** The current time: unix seconds or a `Date`. Default: the system clock. */
  now?: number | Date | undefined;
  request?: never;
}

/**
 * Verify a Fetch API `Request` (Workers, Vercel Edge, Next.js route handlers, Hono, …). The body is
 * read from a clone, so the request stays readable.
 * @example
 * ```ts
 * const options: VerifyWebhookRequestOptions = { request, secret: env.FLARE_WEBHOOK_SECRET };
 * ```
 */
export interface VerifyWebhookRequestOptions {
  /** The incoming request; its body is left unread. */
  request: Request;
  /** The endpoint's signing secret (`whsec_…`), or several during a rotation. */
  secret: string | readonly string[];
  /** Allowed distance of the signed timestamp from `now`, both ways. Default 300; `Infinity` disables. */
  toleranceSec?: number | undefined;
  /** The current time: unix seconds or a `Date`. Default: the system clock. */
  now?: number | Date | undefined;
  payload?: never;
  header?: never;
}

/**
 * Verifies a webhook and resolves to its event; rejects with a `WebhookVerificationError` (answer
 * 400) whose `reason` says why, or with a `FlareError` when an argument is wrong.
 * @example
 * ```ts
 * const event = await verifyWebhook<{ email: string }>({ request, secret });
 * if (event.type === 'job.succeeded') console.log(event.data.job.payload.email);
 * ```
 */
export type VerifyWebhook = <TPayload extends PayloadShape = JsonObject, TResult = unknown>(
  options: VerifyWebhookOptions | VerifyWebhookRequestOptions,
) => Promise<WebhookEvent<TPayload, TResult>>;

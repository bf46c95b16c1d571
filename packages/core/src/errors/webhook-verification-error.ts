import { errorClass, FlareError, type FlareErrorInit } from './flare-error.js';

/** Why a webhook was rejected. */
export type WebhookVerificationReason =
  | 'missing_header'
  | 'malformed_header'
  | 'no_matching_signature'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_payload';

/**
 * A webhook failed verification; `reason` says why in a machine-readable way. Answer 400.
 * @example
 * ```ts
 * if (WebhookVerificationError.isInstance(err)) return new Response(err.reason, { status: 400 });
 * ```
 */
export class WebhookVerificationError extends /* @__PURE__ */ errorClass(
  FlareError,
  'WebhookVerificationError',
) {
  declare readonly name: 'WebhookVerificationError';
  declare readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message, { code: reason, reason } as FlareErrorInit);
  }
}

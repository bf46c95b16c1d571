import type { Job, JsonObject, PayloadShape } from './job.js';

/** The webhook event types Flare sends. */
export type WebhookEventType = 'job.succeeded' | 'job.failed' | 'job.cancelled';

/**
 * A verified webhook event, as returned by `verifyWebhook`.
 * @example
 * ```ts
 * const event: WebhookEvent = await verifyWebhook({ payload, header, secret });
 * if (event.type === 'job.failed') console.log(event.data.job.last_error);
 * ```
 */
export interface WebhookEvent<TPayload extends PayloadShape = JsonObject, TResult = unknown> {
  id: string;
  object: 'event';
  type: WebhookEventType;
  created_at: string;
  data: { job: Job<TPayload, TResult> };
}

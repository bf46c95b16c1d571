import type { Job, WebhookEvent, WebhookEventType } from '@flare/core';
import { WEBHOOK_SIGNATURE_HEADER } from '@flare/core';
import { signWebhook } from '../../fixtures/sign-webhook.js';
import { iso } from '../jobs/job-record.js';

/**
 * Where the fake sends its webhook events. Without `url` or `endpoint` they are only collected
 * in `fake.webhooks`.
 * @example
 * ```ts
 * new FakeFlare({ webhooks: { url: 'http://127.0.0.1:3000/webhooks/flare', secret: 'whsec_test' } });
 * new FakeFlare({ webhooks: { endpoint: (request) => app.fetch(request) } }); // in-process
 * ```
 */
export interface WebhookOptions {
  /** The signing secret. Default `whsec_fake_secret`. */
  secret?: string | undefined;
  /** POST each event here (with `fetch`). */
  url?: string | undefined;
  /** Or hand each event, as a signed `Request`, to this function. */
  endpoint?: ((request: Request) => Response | Promise<Response>) | undefined;
  /** Deliveries per event before giving up (a non-2xx answer or an error is retried). Default 5. */
  maxAttempts?: number | undefined;
  /** Real-time wait before the first redelivery, doubling after each. Default 100 ms. */
  retryDelayMs?: number | undefined;
  /** Per-delivery timeout in ms. Default 10 000 (the contract's acknowledgement window). */
  timeoutMs?: number | undefined;
}

/**
 * One event the fake emitted, with its signed body and what became of its delivery.
 * @example
 * ```ts
 * await fake.webhooksSettled();
 * const [hook] = fake.webhooks;
 * expect(hook.event.type).toBe('job.succeeded');
 * expect(hook.status).toBe('delivered');
 * ```
 */
export interface RecordedWebhook {
  event: WebhookEvent;
  /** The raw JSON body, byte for byte what was (or would be) POSTed. */
  payload: string;
  /** The `zeridion-signature` header of the latest delivery (or of the collected copy). */
  header: string;
  /** `collected`: no endpoint configured; `pending`: being delivered; then `delivered` or `failed`. */
  status: 'collected' | 'pending' | 'delivered' | 'failed';
  /** Each delivery attempt: the endpoint's status, or the error that prevented one. */
  attempts: { at: string; status?: number; error?: string }[];
}

/** Builds, signs, records and delivers the fake's webhook events. */
export class WebhookOutbox {
  readonly secret: string;
  readonly #options: WebhookOptions;
  readonly #now: () => number;
  readonly #id: () => string;
  readonly #inFlight = new Set<Promise<void>>();
  #records: RecordedWebhook[] = [];
  #epoch = 0;

  readonly #onWebhook: ((webhook: RecordedWebhook) => void) | undefined;
  readonly #onChange: (eventId: string) => void;

  constructor(
    options: WebhookOptions,
    now: () => number,
    id: () => string,
    onWebhook?: (webhook: RecordedWebhook) => void,
    onChange: (eventId: string) => void = () => {},
  ) {
    this.#options = options;
    this.#onWebhook = onWebhook;
    this.#onChange = onChange;
    this.secret = options.secret ?? 'whsec_fake_secret';
    this.#now = now;
    this.#id = id;
  }

  get records(): readonly RecordedWebhook[] {
    return this.#records;
  }

  /** Whether events are POSTed anywhere (else they are only collected). */
  get delivers(): boolean {
    return this.#options.url !== undefined || this.#options.endpoint !== undefined;
  }

  /**
   * Delivers a recorded event again (freshly signed), with the usual retries, whatever became of
   * its earlier deliveries.
   */
  redeliver(eventId: string): RecordedWebhook {
    const record = this.#records.find((r) => r.event.id === eventId);
    if (!record) throw new Error(`FakeFlare has no webhook event ${eventId}`);
    if (!this.delivers) {
      throw new Error(
        `Cannot redeliver ${eventId}: no webhook url or endpoint is configured, events are only collected`,
      );
    }
    if (record.status === 'pending') {
      throw new Error(`Cannot redeliver ${eventId}: a delivery of it is still in flight`);
    }
    record.status = 'pending';
    this.#onChange(eventId);
    this.#track(this.#deliver(record, this.#epoch));
    return record;
  }

  emit(type: WebhookEventType, job: Job, atMs: number): void {
    const event: WebhookEvent = {
      id: this.#id(),
      object: 'event',
      type,
      created_at: iso(atMs),
      data: { job },
    };
    const payload = JSON.stringify(event);
    const deliver = this.delivers;
    const record: RecordedWebhook = {
      event,
      payload,
      header: this.#sign(payload),
      status: deliver ? 'pending' : 'collected',
      attempts: [],
    };
    this.#records.push(record);
    this.#onWebhook?.(record);
    this.#onChange(event.id);
    if (deliver) this.#track(this.#deliver(record, this.#epoch));
  }

  /** Resolves once no delivery is in flight (retries included). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  clear(): void {
    this.#epoch++;
    this.#records = [];
  }

  #sign(payload: string): string {
    return signWebhook({ payload, secret: this.secret, timestamp: Math.floor(this.#now() / 1000) });
  }

  #track(delivery: Promise<void>): void {
    this.#inFlight.add(delivery);
    delivery.finally(() => this.#inFlight.delete(delivery));
  }

  async #deliver(record: RecordedWebhook, epoch: number): Promise<void> {
    const { maxAttempts = 5, retryDelayMs = 100, timeoutMs = 10_000 } = this.#options;
    await Promise.resolve(); // after the response that caused the event
    for (let n = 1; n <= maxAttempts && epoch === this.#epoch; n++) {
      record.header = this.#sign(record.payload);
      const attempt: RecordedWebhook['attempts'][number] = { at: iso(this.#now()) };
      record.attempts.push(attempt);
      try {
        const status = await this.#post(record, timeoutMs);
        attempt.status = status;
        if (status >= 200 && status < 300) {
          record.status = 'delivered';
          this.#onChange(record.event.id);
          return;
        }
      } catch (error) {
        attempt.error = error instanceof Error ? error.message : String(error);
      }
      this.#onChange(record.event.id);
      if (n < maxAttempts) await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (n - 1)));
    }
    record.status = 'failed';
    this.#onChange(record.event.id);
  }

  async #post(record: RecordedWebhook, timeoutMs: number): Promise<number> {
    const request = new Request(this.#options.url ?? 'http://webhook.endpoint.invalid/', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Flare-Webhooks/1.0 (@flare/testing fake)',
        [WEBHOOK_SIGNATURE_HEADER]: record.header,
      },
      body: record.payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const endpoint = this.#options.endpoint;
    const response = endpoint ? await endpoint(request) : await fetch(request);
    await response.body?.cancel().catch(() => {});
    return response.status;
  }
}

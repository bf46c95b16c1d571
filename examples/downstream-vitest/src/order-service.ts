import type { FlareClient } from '@flare/node';
import type { Order, OrderStore } from './order-store.js';

/** What the confirmation job receives. */
export interface ConfirmationPayload {
  [key: string]: unknown;
  order_id: string;
  email: string;
  total_cents: number;
}

/**
 * Places orders and enqueues their confirmation email on Flare. The idempotency key is derived
 * from the order id, so placing the same order twice (a double click, a retried request) never
 * sends two emails.
 * @example
 * ```ts
 * const service = new OrderService(new FlareClient(), new OrderStore());
 * await service.placeOrder({ id: 'ord_1', email: 'alice@example.com', totalCents: 4200 });
 * ```
 */
export class OrderService {
  readonly #flare: FlareClient;
  readonly #store: OrderStore;

  constructor(flare: FlareClient, store: OrderStore) {
    this.#flare = flare;
    this.#store = store;
  }

  async placeOrder(input: Pick<Order, 'id' | 'email' | 'totalCents'>): Promise<Order> {
    const existing = this.#store.get(input.id);
    if (!existing) this.#store.save({ ...input, confirmation: 'none' });
    const job = await this.#flare.createJob<ConfirmationPayload>(
      {
        job_type: 'SendOrderConfirmation',
        queue: 'emails',
        payload: { order_id: input.id, email: input.email, total_cents: input.totalCents },
        tags: ['orders'],
      },
      { idempotencyKey: `order-confirmation-${input.id}` },
    );
    this.#store.update(input.id, { confirmation: 'queued', confirmationJobId: job.id });
    return this.#store.get(input.id)!;
  }
}

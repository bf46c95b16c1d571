/** Where an order's confirmation email stands. */
export type ConfirmationStatus = 'none' | 'queued' | 'sent' | 'failed';

/** An order of the shop. */
export interface Order {
  id: string;
  email: string;
  totalCents: number;
  confirmation: ConfirmationStatus;
  confirmationJobId?: string;
}

/**
 * The shop's order table (in memory for the example; a database in real life).
 * @example
 * ```ts
 * const store = new OrderStore();
 * store.save({ id: 'ord_1', email: 'a@b.c', totalCents: 1200, confirmation: 'none' });
 * ```
 */
export class OrderStore {
  readonly #orders = new Map<string, Order>();

  save(order: Order): void {
    this.#orders.set(order.id, { ...order });
  }

  get(id: string): Order | undefined {
    const order = this.#orders.get(id);
    return order && { ...order };
  }

  update(id: string, change: Partial<Order>): void {
    const order = this.#orders.get(id);
    if (order) Object.assign(order, change);
  }
}

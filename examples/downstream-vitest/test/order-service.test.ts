// The order service against the fake Flare over real HTTP, through the installed packages.
import { FlareClient, QuotaError } from '@flare/node';
import { useFakeFlare } from '@flare/testing/vitest';
import { describe, expect, it } from 'vitest';
import { OrderService } from '../src/order-service.js';
import { OrderStore } from '../src/order-store.js';

const flare = useFakeFlare({ quota: { jobsPerDay: 5 } });
const service = (store = new OrderStore()) =>
  new OrderService(new FlareClient(flare.clientOptions()), store);

describe('OrderService', () => {
  it('enqueues one confirmation email per order', async () => {
    const order = await service().placeOrder({
      id: 'ord_1',
      email: 'alice@example.com',
      totalCents: 4200,
    });
    expect(order.confirmation).toBe('queued');
    expect(flare.fake.jobs).toMatchObject([
      {
        id: order.confirmationJobId,
        job_type: 'SendOrderConfirmation',
        queue: 'emails',
        state: 'pending',
        payload: { order_id: 'ord_1', email: 'alice@example.com', total_cents: 4200 },
        tags: ['orders'],
      },
    ]);
  });

  it('never sends two emails for one order, even when placed twice', async () => {
    const s = service();
    const first = await s.placeOrder({ id: 'ord_2', email: 'bob@example.com', totalCents: 100 });
    const second = await s.placeOrder({ id: 'ord_2', email: 'bob@example.com', totalCents: 100 });
    expect(second.confirmationJobId).toBe(first.confirmationJobId);
    expect(flare.fake.jobs).toHaveLength(1);
    expect(flare.fake.requests.at(-1)?.response?.headers['idempotent-replayed']).toBe('true');
  });

  it('rides out a Flare outage that lost the first answer', async () => {
    flare.fake.inject({ method: 'POST', path: '/v1/jobs', status: 503, afterProcessing: true });
    flare.fake.inject({ method: 'POST', path: '/v1/jobs', reset: true });
    const order = await service().placeOrder({
      id: 'ord_3',
      email: 'c@example.com',
      totalCents: 1,
    });
    expect(order.confirmation).toBe('queued');
    expect(flare.fake.jobs).toHaveLength(1);
    expect(flare.fake.requests.map((r) => r.response?.status ?? 'reset')).toEqual([
      503,
      'reset',
      201,
    ]);
  });

  it('surfaces a spent quota as a QuotaError and leaves the order unconfirmed', async () => {
    const store = new OrderStore();
    const s = service(store);
    for (let i = 0; i < 5; i++)
      await s.placeOrder({ id: `ord_q${i}`, email: 'q@example.com', totalCents: 1 });
    const err = await s
      .placeOrder({ id: 'ord_q5', email: 'q@example.com', totalCents: 1 })
      .catch((e: unknown) => e);
    expect(QuotaError.isInstance(err)).toBe(true);
    expect(store.get('ord_q5')?.confirmation).toBe('none');
  });
});

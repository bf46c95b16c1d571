// The same service with the fake served through msw: no port, the default API URL intercepted.
import { FlareClient } from '@flare/node';
import { FakeFlare } from '@flare/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { OrderService } from '../src/order-service.js';
import { OrderStore } from '../src/order-store.js';

const fake = new FakeFlare({ apiKeys: ['zf_test_sk_shop'] });
const server = setupServer(...fake.handlers());

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => fake.reset());
afterAll(() => server.close());

it('places an order through msw with the default node:http transport', async () => {
  const flare = new FlareClient({ apiKey: 'zf_test_sk_shop', retryBaseDelayMs: 1 });
  fake.inject({ method: 'POST', path: '/v1/jobs', status: 429, headers: { 'retry-after': '0' } });
  const order = await new OrderService(flare, new OrderStore()).placeOrder({
    id: 'ord_msw',
    email: 'm@example.com',
    totalCents: 10,
  });
  expect(fake.getJob(order.confirmationJobId!)?.payload).toMatchObject({ order_id: 'ord_msw' });
  expect(fake.requests.map((r) => r.response?.status)).toEqual([429, 201]);
});

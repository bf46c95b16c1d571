// The webhook route fed by the fake's signed deliveries, and by hand-built signed requests.
import { FakeFlare, fixtures, signedWebhookRequest } from '@flare/testing';
import { describe, expect, it } from 'vitest';
import { OrderStore } from '../src/order-store.js';
import { createWebhookHandler } from '../src/webhook-handler.js';

const SECRET = 'whsec_shop_test';

function setUp() {
  const store = new OrderStore();
  store.save({ id: 'ord_1', email: 'a@example.com', totalCents: 100, confirmation: 'queued' });
  const handle = createWebhookHandler({ secret: SECRET, store });
  const fake = new FakeFlare({ webhooks: { secret: SECRET, endpoint: handle } });
  const job = fake.createJob({
    job_type: 'SendOrderConfirmation',
    payload: { order_id: 'ord_1', email: 'a@example.com', total_cents: 100 },
  });
  return { store, handle, fake, job };
}

describe('the Flare webhook route', () => {
  it('marks the order sent when the confirmation job succeeds', async () => {
    const { store, fake, job } = setUp();
    fake.completeJob(job.id, { message_id: 'm_1' });
    await fake.webhooksSettled();
    expect(fake.webhooks[0]).toMatchObject({ status: 'delivered', attempts: [{ status: 204 }] });
    expect(store.get('ord_1')?.confirmation).toBe('sent');
  });

  it('marks the order failed when the job fails for good, not on a failed attempt', async () => {
    const { store, fake, job } = setUp();
    fake.failJob(job.id, { message: 'mailbox full' }, { retryable: true });
    await fake.webhooksSettled();
    expect(store.get('ord_1')?.confirmation).toBe('queued');
    fake.clock.advance(60_000);
    fake.failJob(job.id, { message: 'mailbox full' });
    await fake.webhooksSettled();
    expect(store.get('ord_1')?.confirmation).toBe('failed');
  });

  it('handles a redelivered event once', async () => {
    const { store, handle } = setUp();
    const event = fixtures.event(
      'job.failed',
      fixtures.job({
        state: 'failed',
        job_type: 'SendOrderConfirmation',
        payload: { order_id: 'ord_1' },
      }),
    );
    expect((await handle(signedWebhookRequest({ payload: event, secret: SECRET }))).status).toBe(
      204,
    );
    store.update('ord_1', { confirmation: 'sent' });
    expect((await handle(signedWebhookRequest({ payload: event, secret: SECRET }))).status).toBe(
      204,
    );
    expect(store.get('ord_1')?.confirmation).toBe('sent');
  });

  it('rejects a forged or stale delivery with 400', async () => {
    const { handle } = setUp();
    const event = fixtures.event('job.succeeded');
    const forged = await handle(signedWebhookRequest({ payload: event, secret: 'whsec_attacker' }));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toBe('no_matching_signature');
    const stale = await handle(
      signedWebhookRequest({
        payload: event,
        secret: SECRET,
        timestamp: new Date(Date.now() - 3_600_000),
      }),
    );
    expect(stale.status).toBe(400);
  });
});

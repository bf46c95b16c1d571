import { createHmac } from 'node:crypto';
import { verifyWebhook } from '@flare/edge';
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

it('imports a secret into Web Crypto once, however many webhooks it verifies', async () => {
  const secret = 'whsec_edge_key_cache_test';
  const body = JSON.stringify({
    id: 'evt_1',
    object: 'event',
    type: 'job.succeeded',
    created_at: '2026-01-01T00:00:00.000Z',
    data: { job: { id: 'job_1' } },
  });
  const t = Math.floor(Date.now() / 1000);
  const header = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
  const importKey = vi.spyOn(crypto.subtle, 'importKey');
  await Promise.all(
    Array.from({ length: 20 }, () => verifyWebhook({ payload: body, header, secret })),
  );
  for (let i = 0; i < 100; i++) await verifyWebhook({ payload: body, header, secret });
  expect(importKey).toHaveBeenCalledTimes(1);
});

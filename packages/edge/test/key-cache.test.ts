import { createHmac } from 'node:crypto';
import { verifyWebhook } from '@flare/edge';
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

const body = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  type: 'job.succeeded',
  created_at: '2026-01-01T00:00:00.000Z',
  data: { job: { id: 'job_1' } },
});
const signed = (secret: string) => {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
};

it('imports a secret into Web Crypto once, however many webhooks it verifies', async () => {
  const secret = 'whsec_edge_key_cache_test';
  const header = signed(secret);
  const importKey = vi.spyOn(crypto.subtle, 'importKey');
  await Promise.all(
    Array.from({ length: 20 }, () => verifyWebhook({ payload: body, header, secret })),
  );
  for (let i = 0; i < 100; i++) await verifyWebhook({ payload: body, header, secret });
  expect(importKey).toHaveBeenCalledTimes(1);
});

it('keeps a hot secret while 16 others pass through (least recently used goes first)', async () => {
  const hot = 'whsec_edge_hot';
  const hotHeader = signed(hot);
  const others = Array.from({ length: 16 }, (_, i) => `whsec_edge_other_${i}`);
  const importKey = vi.spyOn(crypto.subtle, 'importKey');
  for (let round = 0; round < 5; round++) {
    for (const secret of others) {
      await verifyWebhook({ payload: body, header: hotHeader, secret: hot });
      await verifyWebhook({ payload: body, header: signed(secret), secret });
    }
  }
  const text = (key: unknown) => new TextDecoder().decode(key as Uint8Array);
  expect(importKey.mock.calls.filter(([, key]) => text(key) === hot)).toHaveLength(1);
});

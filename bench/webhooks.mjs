// verifyWebhook from @flare/node against the raw node:crypto floor: createHmac + timingSafeEqual + JSON.parse.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verifyWebhook } from '@flare/node';
import { compare, report, target } from './lib.mjs';

export const SECRET = 'whsec_bench_0123456789abcdef0123456789abcdef';

/** A realistic signed event: its raw body, header, timestamp and signature. */
export function signedEvent() {
  const body = JSON.stringify({
    id: 'evt_01JD0000000000000000000000',
    object: 'event',
    type: 'job.succeeded',
    created_at: '2026-01-01T00:00:00.000Z',
    data: {
      job: {
        id: 'job_01JD0000000000000000000000',
        object: 'job',
        job_type: 'SendWelcomeEmail',
        queue: 'default',
        state: 'succeeded',
        payload: { email: 'alice@example.com', name: 'Alice' },
        result: { messageId: 'm_1' },
        tags: ['signup'],
        attempts: 1,
        max_attempts: 3,
        progress: null,
        last_error: null,
        run_at: null,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:01.000Z',
        started_at: '2026-01-01T00:00:00.500Z',
        finished_at: '2026-01-01T00:00:01.000Z',
      },
    },
  });
  const t = Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return { body, t, sig, header: `t=${t},v1=${sig}` };
}

/** Calls per second of an async `fn`, run back to back for about `ms`. */
export async function opsPerSec(fn, ms) {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) await fn();
    n += 100;
  }
  return n / (ms / 1000);
}

export async function run({ quick }) {
  const { body, t, header } = signedEvent();
  const expected = Buffer.from(header.split('v1=')[1], 'hex');
  const raw = async () => {
    const mac = createHmac('sha256', SECRET).update(`${t}.`).update(body).digest();
    if (!timingSafeEqual(mac, expected)) throw new Error('bad');
    return JSON.parse(body);
  };
  const cases = {
    'raw createHmac + timingSafeEqual + JSON.parse': raw,
    '@flare/node verifyWebhook': () => verifyWebhook({ payload: body, header, secret: SECRET }),
  };
  await opsPerSec(cases['@flare/node verifyWebhook'], 200);
  const ms = quick ? 300 : 1000;
  const res = await compare(cases, (fn) => opsPerSec(fn, ms), quick ? 3 : 5);
  report('Webhook verification (verifications/s)', res, {
    unit: 'ops/s',
    baseline: 'raw createHmac + timingSafeEqual + JSON.parse',
  });
  target(
    'verifyWebhook (node) vs raw HMAC + parse',
    res['@flare/node verifyWebhook'] / res['raw createHmac + timingSafeEqual + JSON.parse'],
    '>=',
    0.9,
  );
}

// verifyWebhook from @flare/node against the raw node:crypto floor: read the header, createHmac +
// timingSafeEqual + JSON.parse.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verifyWebhook } from '@flare/node';
import { compare, ratio, report, target } from './lib.mjs';

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
  const predecoded = Buffer.from(header.split('v1=')[1], 'hex');
  // The floor: the least a hand-written verifier does. It must read `t` and the `v1` signature
  // from the header it was sent (Flare's form: "t=<digits>,v1=<64 hex>"), then HMAC, compare
  // and parse. It checks no timestamp tolerance, no other header form and no event shape.
  const raw = async () => {
    const comma = header.indexOf(',');
    const expected = Buffer.from(header.slice(comma + 4), 'hex');
    const mac = createHmac('sha256', SECRET)
      .update(`${header.slice(2, comma)}.`)
      .update(body)
      .digest();
    if (!timingSafeEqual(mac, expected)) throw new Error('bad');
    return JSON.parse(body);
  };
  // For scale only: the same with the signature and timestamp known in advance, which no real
  // verifier can do.
  const rawPredecoded = async () => {
    const mac = createHmac('sha256', SECRET).update(`${t}.`).update(body).digest();
    if (!timingSafeEqual(mac, predecoded)) throw new Error('bad');
    return JSON.parse(body);
  };
  const FLOOR = 'raw: read header, createHmac, timingSafeEqual, JSON.parse';
  const cases = {
    [FLOOR]: raw,
    'raw, signature decoded in advance': rawPredecoded,
    '@flare/node verifyWebhook': () => verifyWebhook({ payload: body, header, secret: SECRET }),
  };
  await opsPerSec(cases['@flare/node verifyWebhook'], 200);
  const ms = quick ? 100 : 250;
  const res = await compare(cases, (fn) => opsPerSec(fn, ms), quick ? 5 : 25);
  report('Webhook verification (verifications/s)', res, { unit: 'ops/s', baseline: FLOOR });
  console.log(
    `  vs the signature decoded in advance: ${ratio(res, '@flare/node verifyWebhook', 'raw, signature decoded in advance').toFixed(2)}×`,
  );
  target(
    'verifyWebhook (node) vs raw verifier',
    ratio(res, '@flare/node verifyWebhook', FLOOR),
    '>=',
    0.9,
  );
}

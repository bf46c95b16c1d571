// verifyWebhook from @flare/edge (Web Crypto, imported key cached per secret) against the raw Web
// Crypto floor: crypto.subtle.verify with a key imported once up front, then JSON.parse.
import { verifyWebhook } from '@flare/edge';
import { compare, ratio, report, target } from './lib.mjs';
import { opsPerSec, SECRET, signedEvent } from './webhooks.mjs';

const RAW = 'raw subtle.verify + parse (key imported)';
const EDGE = '@flare/edge verifyWebhook';

export async function run({ quick }) {
  const { body, t, sig, header } = signedEvent();
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const signature = Uint8Array.from(sig.match(/../g), (h) => Number.parseInt(h, 16));
  const raw = async () => {
    const data = encoder.encode(`${t}.${body}`);
    if (!(await crypto.subtle.verify('HMAC', key, signature, data))) throw new Error('bad');
    return JSON.parse(body);
  };
  const cases = {
    [RAW]: raw,
    [EDGE]: () => verifyWebhook({ payload: body, header, secret: SECRET }),
  };
  for (const fn of Object.values(cases)) await opsPerSec(fn, 200); // warm up, key cache included
  const ms = quick ? 100 : 250;
  const res = await compare(cases, (fn) => opsPerSec(fn, ms), quick ? 5 : 21);
  report('Webhook verification on Web Crypto (verifications/s)', res, {
    unit: 'ops/s',
    baseline: RAW,
  });
  target('verifyWebhook (edge) vs raw subtle.verify + parse', ratio(res, EDGE, RAW), '>=', 0.8);
}

/**
 * A fresh idempotency key for a POST that the caller gave none: a random UUID where the runtime
 * has `crypto.randomUUID` (Node ≥ 19, workerd, Vercel Edge, browsers), else 128 random bits.
 */
export function generateIdempotencyKey(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (typeof c?.randomUUID === 'function') return `flare-${c.randomUUID()}`;
  let key = 'flare-';
  for (let i = 0; i < 4; i++)
    key += Math.floor(Math.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return key;
}

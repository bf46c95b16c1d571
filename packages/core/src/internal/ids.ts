declare const __FLARE_EDGE__: boolean;

/**
 * A fresh idempotency key for a POST that the caller gave none: a random UUID where the runtime
 * has `crypto.randomUUID` (Node ≥ 19, workerd, Vercel Edge, Deno, Bun, secure browser pages),
 * else time and random digits.
 */
export function generateIdempotencyKey(): string {
  return `flare-${
    __FLARE_EDGE__
      ? crypto.randomUUID()
      : ((globalThis as { crypto?: Crypto }).crypto?.randomUUID?.() ??
        Date.now().toString(36) + Math.random().toString(36).slice(2))
  }`;
}

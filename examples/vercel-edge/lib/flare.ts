import { FlareClient } from '@flare/edge';

let client: FlareClient | undefined;

/**
 * One client per isolate, made on first use (not at import, so `next build` needs no key).
 * Vercel Edge has `process.env`: the client reads FLARE_API_KEY itself.
 */
export function flare(): FlareClient {
  client ??= new FlareClient({ baseUrl: process.env.FLARE_BASE_URL });
  return client;
}

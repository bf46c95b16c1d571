import { FlareClient } from '../src/index.js';
import { BASE, KEY } from './helpers.js';

/** A client on the msw base URL with fast retries; `opts` override any option. */
export const client = (opts: Record<string, unknown> = {}) =>
  new FlareClient({ apiKey: KEY, baseUrl: BASE, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...opts });

/** One request as an msw handler saw it, its JSON body parsed. */
export type Seen = { headers: Headers; body: unknown; url: URL; method: string };

/** An msw resolver step that appends each request it sees to `seen`. */
export function record(seen: Seen[]) {
  return async ({ request }: { request: Request }) => {
    const text = await request.text();
    seen.push({
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
      url: new URL(request.url),
      method: request.method,
    });
  };
}

import { createRequire } from 'node:module';
import type { HttpHandler } from 'msw';
import type { Dispatcher } from '../dispatcher.js';
import { clientSignal } from './msw-client-signal.js';
import { serialise } from './serialise.js';

/**
 * An msw request handler (msw's `HttpHandler`).
 * @example
 * ```ts
 * const handlers: MswHandler[] = fake.handlers();
 * const server = setupServer(...handlers, http.get('https://example.test/other', () => HttpResponse.json({})));
 * ```
 */
export type MswHandler = HttpHandler;

type Msw = typeof import('msw');
let msw: Msw | undefined;

/** msw, loaded on first use so that the package works without it (it is an optional peer). */
function loadMsw(): Msw {
  if (msw) return msw;
  try {
    msw = createRequire(import.meta.url)('msw') as Msw;
    return msw;
  } catch (cause) {
    throw new Error(
      'fake.handlers() needs msw ≥ 2.15: install it (npm install --save-dev msw), or use fake.listen() instead.',
      { cause },
    );
  }
}

/**
 * Handlers serving the fake under `baseUrl`, with socket faults as msw can express them: a reset
 * is a network error, a truncated body a stream that fails halfway, an oversize body is padded.
 */
export function mswHandlers(
  dispatcher: Dispatcher,
  baseUrl: string,
  webhookUrl: string | undefined,
): MswHandler[] {
  const { http, passthrough } = loadMsw();
  const base = baseUrl.replace(/\/+$/, '');
  // A base URL with a path (a proxy prefix) is served under it; the engine sees /v1/… paths.
  const prefix = new URL(base).pathname.replace(/\/+$/, '');
  const handlers: MswHandler[] = [
    http.all(`${base}/v1/*`, async ({ request }) => {
      const url = new URL(request.url);
      // Aborts when the client gives up: a long poll then stops and claims nothing.
      const client = clientSignal(request);
      const { response, socket } = await dispatcher
        .dispatch({
          method: request.method,
          path: url.pathname.slice(prefix.length),
          query: url.searchParams,
          headers: Object.fromEntries(request.headers),
          body: await request.text(),
          signal: client.signal,
        })
        .finally(client.dispose);
      if (!response || socket === 'reset' || client.signal.aborted) return Response.error();
      let text = serialise(response);
      if (typeof socket === 'object') text = text.padEnd(socket.oversize, ' ');
      const init = { status: response.status, headers: response.headers };
      if (socket !== 'truncate') return new Response(text, init);
      const bytes = new TextEncoder().encode(text);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, bytes.length >> 1));
          controller.error(
            new TypeError('terminated: connection closed mid-body (injected fault)'),
          );
        },
      });
      return new Response(body, init);
    }),
  ];
  // The fake's own webhook deliveries must reach the real endpoint.
  if (webhookUrl) handlers.push(http.post(webhookUrl, () => passthrough()));
  return handlers;
}

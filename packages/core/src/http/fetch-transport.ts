import { TimeoutError } from '../errors/connection-errors.js';
import { FlareError } from '../errors/flare-error.js';
import { readCapped } from './read-capped.js';
import { armTimer } from './timer.js';
import type { Fetch, Transport } from './transport.js';

const TIMED_OUT = Symbol('timed out');

/**
 * A transport over a WHATWG `fetch`: the runtime's global one unless you pass your own (for a
 * proxy, instrumentation or tests). The default in `@flare/core` and `@flare/edge`.
 *
 * @example
 * ```ts
 * const flare = new FlareClient({ apiKey, transport: fetchTransport(globalThis.fetch) });
 * ```
 */
export function fetchTransport(fetchFn?: Fetch): Transport {
  // Without an explicit fetch, look the global up on every call, so one patched later (msw,
  // instrumentation) is honoured; fail now if there is none at all.
  if (!fetchFn) resolveGlobalFetch();
  const doFetch: Fetch = fetchFn ?? ((input, init) => globalThis.fetch(input, init));
  return async (request) => {
    const controller = new AbortController();
    const { signal } = request;
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) throw signal.reason;
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = armTimer(() => controller.abort(TIMED_OUT), request.timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const rethrow = (error: unknown): never => {
      finish();
      if (controller.signal.reason === TIMED_OUT) {
        throw new TimeoutError(`Request timed out after ${request.timeoutMs} ms`, { cause: error });
      }
      if (signal?.aborted) throw signal.reason;
      throw error;
    };
    let response: Response;
    try {
      response = await doFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal: controller.signal,
      });
    } catch (error) {
      return rethrow(error);
    }
    return {
      status: response.status,
      headers: response.headers,
      text: () =>
        readCapped(response, request.maxResponseBytes).then((text) => {
          finish();
          return text;
        }, rethrow),
    };
  };
}

function resolveGlobalFetch(): Fetch {
  const candidate = (globalThis as { fetch?: Fetch }).fetch;
  if (typeof candidate !== 'function') {
    throw new FlareError(
      'No fetch implementation found: this runtime has no global `fetch`. Pass one with ' +
        '`new FlareClient({ fetch })` (e.g. from undici), or use @flare/node, which needs none.',
    );
  }
  return candidate;
}

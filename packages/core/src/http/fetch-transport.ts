import { TimeoutError } from '../errors/connection-errors.js';
import { fail } from '../errors/invalid.js';
import { MAX_TIMER_MS } from '../internal/timers.js';
import { readCapped } from './read-capped.js';
import type { Fetch, Transport } from './transport.js';

/** `true` in the edge build (conditions workerd, edge-light, worker), `false` elsewhere: tsup.config.ts. */
declare const __FLARE_EDGE__: boolean;

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
  // Without an explicit fetch, the global one is looked up on every call, so one patched later
  // (msw, instrumentation) is honoured; fail now if there is none at all (every edge runtime
  // has one).
  if (!__FLARE_EDGE__ && !fetchFn && typeof fetch !== 'function') {
    fail('No global fetch: use @flare/node or pass { fetch }');
  }
  return async ({ url, method, headers, body, signal, timeoutMs, maxResponseBytes }) => {
    if (signal?.aborted) throw signal.reason;
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort);
    // No timer for an infinite budget (setTimeout would fire at once), and none that keeps a
    // process alive on its own.
    const timer =
      timeoutMs < MAX_TIMER_MS
        ? setTimeout(
            () => controller.abort(new TimeoutError(`Timed out after ${timeoutMs} ms`)),
            timeoutMs,
          )
        : undefined;
    if (!__FLARE_EDGE__) (timer as { unref?: () => void } | undefined)?.unref?.();
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    // The controller's reason is the caller's (an abort) or a `TimeoutError`.
    const rethrow = (error: unknown): never => {
      finish();
      throw controller.signal.aborted ? controller.signal.reason : error;
    };
    try {
      const response = await (fetchFn ?? fetch)(url, {
        method,
        headers,
        // undefined: no body (a GET), as every fetch reads it.
        body: body as BodyInit,
        signal: controller.signal,
        // Never followed: a 301/302 turns a POST into a GET, so createJob would resolve with
        // whatever the new URL answers and no job made. The 3xx becomes a FlareError instead.
        redirect: 'manual',
      });
      return {
        status: response.status,
        headers: response.headers,
        text: () =>
          readCapped(response, maxResponseBytes).then((text) => {
            finish();
            return text;
          }, rethrow),
      };
    } catch (error) {
      return rethrow(error);
    }
  };
}

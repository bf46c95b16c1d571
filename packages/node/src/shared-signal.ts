import type { Transport } from '@flare/core';
import { nodeEvents } from './builtins.js';

const lifted = new WeakSet<AbortSignal>();

/**
 * Many concurrent calls may share one signal (an app's shutdown signal, say), each holding an
 * `abort` listener while it runs; past Node's default of 10, Node prints a leak warning. Like
 * undici's `fetch`, the limit is lifted once per signal, unless the app set its own.
 */
export function liftListenerLimit(signal: AbortSignal): void {
  if (lifted.has(signal)) return;
  lifted.add(signal);
  const { getMaxListeners, setMaxListeners, defaultMaxListeners } = nodeEvents();
  if (getMaxListeners(signal) === defaultMaxListeners) setMaxListeners(1500, signal);
}

/**
 * `transport` with the limit lifted on each call's signal first: core's fetch transport (an app's
 * own `fetch`) listens on the caller's signal just as the Node transports do.
 */
export function liftingListenerLimits(transport: Transport): Transport {
  return (request) => {
    if (request.signal) liftListenerLimit(request.signal);
    return transport(request);
  };
}

import type { Send } from './api-response.js';

/**
 * Each `FlareClient`'s requester, for `FlareWorker`: its protocol calls get the client's retries,
 * idempotency keys, typed errors and timeouts, without a public method on the client. A WeakMap
 * rather than a method: a class member with a computed key would keep `FlareClient` in bundles
 * that never use it (a verify-only Worker), and it costs a client-only bundle a few bytes.
 */
export const clientSends = new WeakMap<object, Send>();

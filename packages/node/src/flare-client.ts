import {
  FlareClient as CoreFlareClient,
  type FlareClientOptions,
  type Transport,
} from '@flare/core';
import { checkKnownOptions } from './known-options.js';
import { nodeHttpTransport } from './node-transport.js';

let sharedTransport: Transport | undefined;

/** One keep-alive transport for every client in the process, created on first use. */
function defaultTransport(): Transport {
  sharedTransport ??= nodeHttpTransport();
  return sharedTransport;
}

/**
 * The Flare client for Node.js. Same API as `@flare/core`'s, sending requests over `node:http`
 * keep-alive connections shared by every client in the process. Pass `fetch` to use a `fetch`
 * instead, or `transport` for a tuned `nodeHttpTransport(...)`.
 *
 * @example
 * ```ts
 * import { FlareClient } from '@flare/node';
 *
 * const flare = new FlareClient(); // reads FLARE_API_KEY
 * const job = await flare.createJob({ job_type: 'SendWelcomeEmail', payload: { email: 'alice@example.com' } });
 * ```
 */
export class FlareClient extends CoreFlareClient {
  constructor(options: FlareClientOptions = {}) {
    // A plain-JavaScript typo (`maxRetry`) would otherwise be ignored; core checks the rest.
    if (typeof options === 'object' && options !== null) checkKnownOptions(options);
    const useNodeHttp = options?.transport === undefined && options?.fetch === undefined;
    super(useNodeHttp ? { ...options, transport: defaultTransport() } : options);
  }
}

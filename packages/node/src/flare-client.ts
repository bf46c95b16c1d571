import {
  FlareClient as CoreFlareClient,
  type FlareClientOptions,
  fetchTransport,
  type LogOptions,
  logHooks,
  type Transport,
} from '@flare/core';
import { checkKnownOptions } from './known-options.js';
import { nodeHttpTransport } from './node-transport.js';
import { liftingListenerLimits } from './shared-signal.js';

let sharedTransport: Transport | undefined;

/** One keep-alive transport for every client in the process, created on first use. */
function defaultTransport(): Transport {
  sharedTransport ??= nodeHttpTransport();
  return sharedTransport;
}

/**
 * The Flare client for Node.js. Same API as `@flare/core`'s, sending requests over `node:http`
 * keep-alive connections shared by every client in the process. Pass `fetch` to use a `fetch`
 * instead, or `transport` for a tuned `nodeHttpTransport(...)`. Logs warnings to `console` by
 * default: set `logLevel` / `logger`, or the `FLARE_LOG` environment variable
 * (`debug|info|warn|error|off`).
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
  constructor(options: FlareClientOptions & LogOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      super(options); // core says what to pass instead
      return;
    }
    // A plain-JavaScript typo (`maxRetry`) would otherwise be ignored; core checks the rest.
    checkKnownOptions(options, ['logger', 'logLevel']);
    // Logging is on by default here (warnings, or FLARE_LOG): Node pays no bundle size for it.
    const { logger, logLevel, ...rest } = options;
    const useNodeHttp = rest.transport === undefined && rest.fetch === undefined;
    // An app's own fetch: core's fetch transport, without Node's leak warning when more than 10
    // calls share one signal (core checks a fetch that is not a function).
    const ownFetch = rest.transport == null && typeof rest.fetch === 'function';
    super({
      ...rest,
      ...(useNodeHttp && { transport: defaultTransport() }),
      ...(ownFetch && { transport: liftingListenerLimits(fetchTransport(rest.fetch)) }),
      hooks: logHooks({ logger, logLevel }, rest.hooks),
    });
  }
}

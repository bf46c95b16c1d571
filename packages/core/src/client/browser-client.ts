import { fail } from '../errors/invalid.js';
import { FlareClient as ServerClient } from './flare-client.js';
import type { FlareClientOptions } from './options.js';

/**
 * `FlareClient` as a browser bundle gets it (the `browser` export condition): the same client,
 * refusing to start in a page unless told `dangerouslyAllowBrowser: true`, since the secret API
 * key would ship to every visitor. Kept out of the shared client, so Workers and Node bundles
 * carry none of it.
 *
 * @example
 * ```ts
 * // An internal tool whose every user may hold the key:
 * const flare = new FlareClient({ apiKey, dangerouslyAllowBrowser: true });
 * ```
 */
export class FlareClient extends ServerClient {
  constructor(options: FlareClientOptions = {}) {
    // A page has both; Workers, Node, Deno and web workers have no `document`.
    const page = globalThis as { window?: unknown; document?: unknown };
    if (
      page.window !== undefined &&
      page.document !== undefined &&
      !options?.dangerouslyAllowBrowser
    ) {
      fail(
        'FlareClient refuses to run in a browser: your secret API key would ship to every visitor ' +
          'of the page. Call Flare from your server; if every user of this page may hold the key ' +
          '(an internal tool), pass { dangerouslyAllowBrowser: true }',
      );
    }
    super(options);
  }
}

import { fail } from '../errors/invalid.js';
import { fetchTransport } from '../http/fetch-transport.js';
import { observer } from '../http/observer.js';
import { checkNumbers } from '../http/request-options.js';
import type { RequesterConfig } from '../http/requester.js';
import { readEnv } from '../internal/env.js';
import { isObject } from '../internal/is-object.js';
import type { FlareClientOptions } from './options.js';

export const DEFAULT_BASE_URL = 'https://api.zeridion.com';

/** Applies defaults and checks every option, with a message that says how to fix it. */
export function resolveConfig(options: FlareClientOptions): RequesterConfig {
  if (!isObject(options as unknown)) {
    fail('FlareClient options must be an object, e.g. { apiKey }');
  }
  const {
    apiKey = readEnv('FLARE_API_KEY'),
    baseUrl = DEFAULT_BASE_URL,
    maxRetries = 3,
    retryBaseDelayMs = 500,
    retryMaxDelayMs = 30_000,
    maxResponseBytes = 10 * 2 ** 20,
    timeoutMs = 60_000,
    hooks = {},
  } = options;
  // '' too: an env var that is set but empty.
  if (apiKey === undefined || apiKey === '') {
    fail('No API key: set FLARE_API_KEY or pass new FlareClient({ apiKey: env.FLARE_API_KEY })');
  }
  // What an HTTP header can carry, without spaces: a pasted smart quote or a newline is caught
  // here, not retried as a network error on every call. The key never appears in a message.
  if (typeof apiKey !== 'string' || !/^[!-~]+$/.test(apiKey)) {
    fail('apiKey must be printable ASCII without spaces');
  }
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not a URL: reported below.
  }
  if (
    typeof baseUrl !== 'string' ||
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.search ||
    url.hash
  ) {
    fail('baseUrl must be an http(s) URL without query or fragment');
  }
  checkNumbers(
    { maxRetries, retryBaseDelayMs, retryMaxDelayMs, maxResponseBytes, timeoutMs },
    fail,
  );
  return {
    apiKey,
    observe: observer(hooks),
    maxRetries,
    retry: { baseDelayMs: retryBaseDelayMs, maxDelayMs: retryMaxDelayMs },
    maxResponseBytes,
    // Keep any path prefix (a proxy mount), minus the trailing slash.
    baseUrl: url!.href.replace(/\/+$/, ''),
    timeoutMs,
    transport: options.transport ?? fetchTransport(options.fetch),
  };
}

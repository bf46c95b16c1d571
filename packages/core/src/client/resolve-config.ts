import { fail, invalid } from '../errors/invalid.js';
import { customHeaders } from '../http/custom-headers.js';
import { fetchTransport } from '../http/fetch-transport.js';
import { checkNumbers } from '../http/request-options.js';
import type { RequesterConfig } from '../http/requester.js';
import { readEnv } from '../internal/env.js';
import { isObject } from '../internal/is-object.js';
import { checkHookName } from './log-hooks.js';
import type { FlareClientOptions } from './options.js';

/** `true` in the edge build (conditions workerd, edge-light, worker), `false` elsewhere: tsup.config.ts. */
declare const __FLARE_EDGE__: boolean;

export const DEFAULT_BASE_URL = 'https://api.zeridion.com';

/** Applies defaults and checks every option, with a message that says how to fix it. */
export function resolveConfig(options: FlareClientOptions): RequesterConfig {
  if (!isObject(options as unknown)) {
    fail('FlareClient options must be an object, e.g. { apiKey }');
  }
  let {
    apiKey = readEnv('FLARE_API_KEY'),
    baseUrl = DEFAULT_BASE_URL,
    maxRetries = 3,
    retryBaseDelayMs = 500,
    retryMaxDelayMs = 30_000,
    maxResponseBytes = 10 * 2 ** 20,
    timeoutMs = 60_000,
    hooks,
  } = options;
  // '' too: an env var that is set but empty.
  if (!apiKey) {
    fail('No API key: set FLARE_API_KEY or pass new FlareClient({ apiKey: env.FLARE_API_KEY })');
  }
  // What an HTTP header can carry, without spaces: a pasted smart quote or a newline is caught
  // here, not retried as a network error on every call. The key never appears in a message.
  // The option gets what FLARE_API_KEY gets: surrounding whitespace (a pasted newline) trimmed.
  if (typeof apiKey === 'string') apiKey = apiKey.trim();
  if (typeof apiKey !== 'string' || !/^[!-~]+$/.test(apiKey)) {
    fail('apiKey must be printable ASCII without spaces or line breaks');
  }
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not a URL: reported below.
  }
  // http(s), and no `@` (credentials), `?` or `#` anywhere: a secret would ride in every request.
  if (!url || !/^https?:\/\/[^@?#]+$/i.test(baseUrl)) {
    // Named in the error, minus anything that may be a secret (user:key@, a query, a fragment).
    const shown = String(baseUrl).replace(/[^/@]+(?=@)|[?#].*/g, '***');
    fail(
      `baseUrl "${shown}" must be an http(s) URL without credentials, query or fragment${shown.includes('//') ? '' : `: did you mean "https://${shown}"?`}`,
    );
  }
  // Not a function, it would fail every call as a retried network error ("Could not reach Flare").
  // (Neither given: fetchTransport over the global fetch; a transport makes fetch unused.) Not in
  // the edge build, whose bytes are budgeted (decision 0005): there the first call says it.
  if (!__FLARE_EDGE__) {
    const name = options.transport == null ? 'fetch' : 'transport';
    if (typeof (options[name] ?? fetchTransport) !== 'function') {
      invalid(`${name} must be a function`, name);
    }
  }
  // A hook that is not a function fails here, not as a reported throw on every call; a misspelt
  // one (`onRequst`) would never be called: refused too, but not in the edge build (decision 0005).
  for (const name in hooks) {
    if (!__FLARE_EDGE__) checkHookName(name);
    if (typeof hooks[name as 'onRetry'] !== 'function')
      invalid(`hooks.${name} must be a function`, 'hooks');
  }
  checkNumbers(
    { maxRetries, retryBaseDelayMs, retryMaxDelayMs, maxResponseBytes, timeoutMs },
    fail,
  );
  return {
    apiKey,
    hooks,
    maxRetries,
    baseDelayMs: retryBaseDelayMs,
    maxDelayMs: retryMaxDelayMs,
    maxResponseBytes,
    // Keep any path prefix (a proxy mount), minus the trailing slash and a `/v1` (what
    // openai-node users type): paths already start with /v1.
    baseUrl: url!.href.replace(/(\/v1)?\/*$/, ''),
    timeoutMs,
    transport: options.transport ?? fetchTransport(options.fetch),
    headers: customHeaders(options.defaultHeaders, 'defaultHeaders'),
  };
}

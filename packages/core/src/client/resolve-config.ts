import { fetchTransport } from '../http/fetch-transport.js';
import type { Transport } from '../http/transport.js';
import { readEnv } from '../internal/env.js';
import { fail } from '../internal/fail.js';
import { isObject } from '../internal/is-object.js';
import type { FlareClientOptions } from './options.js';

/** The client's settled configuration. */
export interface ClientConfig {
  apiKey: string;
  baseUrl: string;
  maxRetries: number;
  /** `retryBaseDelayMs`, named as `retryDelay` takes it. */
  baseDelayMs: number;
  /** `retryMaxDelayMs`, named as `retryDelay` takes it. */
  maxDelayMs: number;
  maxResponseBytes: number;
  timeoutMs: number;
  transport: Transport;
}

export const DEFAULT_BASE_URL = 'https://api.zeridion.com';

/** Applies defaults and checks every option, with a message that says how to fix it. */
export function resolveConfig(options: FlareClientOptions): ClientConfig {
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
  } = options;
  if (apiKey === undefined) {
    fail('No API key: set FLARE_API_KEY or pass new FlareClient({ apiKey: env.FLARE_API_KEY })');
  }
  // Printable ASCII and non-ASCII only. The key itself never appears in a message.
  if (typeof apiKey !== 'string' || !/^[!-~\x80-\uffff]+$/.test(apiKey)) {
    fail('apiKey must be a string without whitespace');
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
  const numbers = { maxRetries, retryBaseDelayMs, retryMaxDelayMs, maxResponseBytes };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || (value as number) < 0) {
      fail(`${name} must be a whole number >= 0`);
    }
  }
  // Infinity: no timeout.
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) fail('timeoutMs must be a number > 0');
  return {
    apiKey,
    maxRetries,
    baseDelayMs: retryBaseDelayMs,
    maxDelayMs: retryMaxDelayMs,
    maxResponseBytes,
    // Keep any path prefix (a proxy mount), minus the trailing slash.
    baseUrl: url!.href.replace(/\/+$/, ''),
    timeoutMs,
    transport: options.transport ?? fetchTransport(options.fetch),
  };
}

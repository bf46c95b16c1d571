import { fetchTransport } from '../http/fetch-transport.js';
import type { Transport } from '../http/transport.js';
import { describe } from '../internal/describe.js';
import { readEnv } from '../internal/env.js';
import { fail } from '../internal/fail.js';
import type { FlareClientOptions } from './options.js';

/** The client's settled configuration. */
export interface ClientConfig {
  apiKey: string;
  baseUrl: string;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxResponseBytes: number;
  timeoutMs: number;
  transport: Transport;
}

export const DEFAULT_BASE_URL = 'https://api.zeridion.com';

/** Applies defaults and checks every option, with a message that says how to fix it. */
export function resolveConfig(options: FlareClientOptions): ClientConfig {
  if (options === null || typeof options !== 'object') {
    fail('FlareClient options must be an object: new FlareClient({ apiKey }).');
  }
  const number = (name: keyof FlareClientOptions, fallback: number, whole = true): number => {
    const value = options[name] === undefined ? fallback : options[name];
    // Whole numbers ≥ 0, or for timeoutMs any number > 0 (Infinity: no timeout).
    if (typeof value === 'number' && (whole ? Number.isInteger(value) && value >= 0 : value > 0)) {
      return value;
    }
    fail(
      `${name} must be ${whole ? 'a whole number ≥ 0' : 'milliseconds > 0'} (got ${describe(value)}).`,
    );
  };
  return {
    apiKey: resolveApiKey(options.apiKey),
    baseUrl: resolveBaseUrl(options.baseUrl),
    maxRetries: number('maxRetries', 3),
    retryBaseDelayMs: number('retryBaseDelayMs', 500),
    retryMaxDelayMs: number('retryMaxDelayMs', 30_000),
    maxResponseBytes: number('maxResponseBytes', 10 * 1024 * 1024),
    timeoutMs: number('timeoutMs', 60_000, false),
    transport: options.transport ?? fetchTransport(options.fetch),
  };
}

function resolveApiKey(given: unknown): string {
  const key = given === undefined ? readEnv('FLARE_API_KEY') : given;
  if (key === undefined) {
    fail(
      'No Flare API key: pass new FlareClient({ apiKey }) or set FLARE_API_KEY (on Cloudflare ' +
        'Workers, which have no process.env: new FlareClient({ apiKey: env.FLARE_API_KEY })).',
    );
  }
  // The key itself never appears in a message.
  if (typeof key !== 'string' || !key.trim()) {
    fail(`apiKey must be a non-empty string (got ${describe(key)}).`);
  }
  // Anything but printable ASCII and non-ASCII: a space, a line break or another control character.
  if (/[^!-~\x80-\uffff]/.test(key)) {
    fail(
      'apiKey has whitespace or control characters: copy it again without spaces or line breaks.',
    );
  }
  return key;
}

function resolveBaseUrl(given: unknown): string {
  if (given === undefined) return DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = new URL(given as string);
  } catch {
    // Not a URL: reported below.
  }
  if (
    typeof given !== 'string' ||
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.search ||
    url.hash
  ) {
    fail(
      `baseUrl must be an absolute http(s) URL without query or fragment (got ${describe(given)}).`,
    );
  }
  // Keep any path prefix (a proxy mount), minus the trailing slash.
  return url.href.replace(/\/+$/, '');
}

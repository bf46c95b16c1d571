import { FlareError } from '../errors/flare-error.js';
import { fetchTransport } from '../http/fetch-transport.js';
import type { Transport } from '../http/transport.js';
import { readEnv } from '../internal/env.js';
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
    throw new FlareError(
      'FlareClient options must be an object, e.g. new FlareClient({ apiKey }).',
    );
  }
  return {
    apiKey: resolveApiKey(options.apiKey),
    baseUrl: resolveBaseUrl(options.baseUrl),
    maxRetries: count('maxRetries', options.maxRetries, 3),
    retryBaseDelayMs: count('retryBaseDelayMs', options.retryBaseDelayMs, 500),
    retryMaxDelayMs: count('retryMaxDelayMs', options.retryMaxDelayMs, 30_000),
    maxResponseBytes: count('maxResponseBytes', options.maxResponseBytes, 10 * 1024 * 1024),
    timeoutMs: positive('timeoutMs', options.timeoutMs, 60_000),
    transport: options.transport ?? fetchTransport(options.fetch),
  };
}

function resolveApiKey(given: unknown): string {
  const key = given === undefined ? readEnv('FLARE_API_KEY') : given;
  if (key === undefined) {
    throw new FlareError(
      'No Flare API key: pass it as new FlareClient({ apiKey }) or set the FLARE_API_KEY ' +
        'environment variable. On Cloudflare Workers, which have no process.env, use ' +
        'new FlareClient({ apiKey: env.FLARE_API_KEY }) inside your fetch handler.',
    );
  }
  // The key itself never appears in a message.
  if (typeof key !== 'string' || key.trim() === '') {
    throw new FlareError(`apiKey must be a non-empty string (got ${describe(key)}).`);
  }
  if (hasSpaceOrControl(key)) {
    throw new FlareError(
      'apiKey contains whitespace or control characters; copy the key again without spaces or line breaks.',
    );
  }
  return key;
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 127) return true;
  }
  return false;
}

function resolveBaseUrl(given: unknown): string {
  if (given === undefined) return DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = typeof given === 'string' ? new URL(given) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new FlareError(
      `baseUrl must be an absolute http(s) URL without query or fragment, e.g. "${DEFAULT_BASE_URL}" (got ${describe(given)}).`,
    );
  }
  // Keep any path prefix (a proxy mount), minus the trailing slash.
  return url.href.replace(/\/+$/, '');
}

/** A whole number ≥ 0. */
export function count(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new FlareError(`${name} must be a whole number ≥ 0 (got ${describe(value)}).`);
  }
  return value;
}

/** A number > 0 (Infinity allowed: no timeout). */
export function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new FlareError(`${name} must be a number of milliseconds > 0 (got ${describe(value)}).`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

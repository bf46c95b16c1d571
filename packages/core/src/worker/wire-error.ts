import type { WireError } from './worker-protocol.js';

/** An API key as Flare issues them; never sent in an error message. */
const API_KEY = /zf_(live|test)_sk_[!-~]*/g;

/** `text` cut to `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, end);
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : String(JSON.stringify(value) ?? value);
  } catch {
    return String(value);
  }
}

/**
 * What `fail` sends for a handler's throw: `{ type: error.name, message }`, cut to the contract's
 * limits (type 1–128, message 1–4 096 characters), any API key in them masked. A thrown
 * non-Error (a string, an object) is reported as type `Error` with its text.
 * @example
 * ```ts
 * wireError(new TypeError('x is undefined')); // { type: 'TypeError', message: 'x is undefined' }
 * ```
 */
export function wireError(error: unknown): WireError {
  const isError =
    error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error);
  const rawName = isError ? (error as { name?: unknown }).name : undefined;
  const type = cut(
    (typeof rawName === 'string' ? rawName : 'Error').replace(API_KEY, 'zf_$1_sk_***').trim() ||
      'Error',
    128,
  );
  const rawMessage = isError ? (error as { message?: unknown }).message : error;
  const message = cut(
    describe(rawMessage).replace(API_KEY, 'zf_$1_sk_***').trim() || `${type} (no message)`,
    4096,
  );
  return { type, message };
}

import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { describe } from '../internal/describe.js';
import { fail } from '../internal/fail.js';

const RAW_BODY = 'the raw request body (a string, Uint8Array/Buffer or ArrayBuffer)';

/** A wrong argument is a programmer error: a `FlareError`, never a verification failure. */
function wrong(what: string, got: string): never {
  fail(`verifyWebhook ${what}; got ${got}.`);
}

/** One secret, or a non-empty list of them, each a non-empty string. */
export function readSecrets(secret: unknown): string | readonly string[] {
  const ok = (s: unknown) => typeof s === 'string' && s !== '';
  if (ok(secret) || (Array.isArray(secret) && secret.length && secret.every(ok))) {
    return secret as string | string[];
  }
  // Say what was passed without ever echoing a secret.
  wrong(
    'needs `secret`: the endpoint\'s "whsec_…" secret, or a list of them while rotating (is its env variable set?)',
    Array.isArray(secret)
      ? 'an empty list or an empty/non-string entry'
      : secret === ''
        ? 'an empty string'
        : `${secret === null ? null : typeof secret}`,
  );
}

/** `toleranceSec`: seconds ≥ 0, `Infinity` allowed; `undefined` means the default. */
export function readTolerance(value: unknown, defaultSec: number): number {
  if (value === undefined) return defaultSec;
  if (typeof value === 'number' && value >= 0) return value; // NaN fails `>= 0`
  wrong('`toleranceSec` must be seconds ≥ 0 (Infinity: no check)', describe(value));
}

/** `now` in unix seconds (possibly fractional); `undefined` means the system clock. */
export function readNow(now: unknown): number {
  if (now === undefined) return Date.now() / 1000;
  const sec = now instanceof Date ? now.getTime() / 1000 : now;
  if (typeof sec !== 'number' || !Number.isFinite(sec)) {
    wrong(
      '`now` must be unix seconds or a valid Date',
      now instanceof Date ? 'an invalid Date' : describe(now),
    );
  }
  // Past the year 5000 in seconds: surely milliseconds.
  if (sec > 1e11) {
    wrong(
      '`now` is unix seconds (Date.now() / 1000) or a Date',
      `${sec}, which looks like milliseconds`,
    );
  }
  return sec;
}

/** The raw body as a string or bytes (a view of exactly the given bytes, never a copy). */
export function readPayload(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  const tag = Object.prototype.toString.call(payload);
  if (tag === '[object ArrayBuffer]') return new Uint8Array(payload as ArrayBuffer);
  if (Array.isArray(payload) || tag === '[object Object]') {
    throw new WebhookVerificationError(
      'invalid_payload',
      `The webhook payload is already parsed, but the signature covers the raw bytes: pass ${RAW_BODY}, e.g. from express.raw() or \`await request.text()\`.`,
    );
  }
  wrong(`needs \`payload\`: ${RAW_BODY}`, describe(payload));
}

/** The `header` option: the header's value, or `null`/`undefined` when the request had none. */
export function readHeader(header: unknown): string | null | undefined {
  if (header == null || typeof header === 'string') return header as string | null | undefined;
  wrong(
    "`header` must be a string or null, e.g. req.headers['zeridion-signature']",
    describe(header),
  );
}

/** The signature header of a Fetch API `Request` (`null` when absent). */
export function readRequestHeader(request: unknown, name: string): string | null {
  const r = request as Request | null;
  if (typeof r?.headers?.get !== 'function' || typeof r.clone !== 'function') {
    wrong(
      '`request` must be a Fetch API Request (in Node, pass { payload: rawBody, header, secret })',
      describe(request),
    );
  }
  return r.headers.get(name);
}

/** The body of a `Request`, read from a clone so the caller can still read the original. */
export async function readRequestBody(request: Request): Promise<Uint8Array> {
  let clone: Request;
  try {
    if (request.bodyUsed) throw new TypeError('Body already used');
    clone = request.clone();
  } catch (cause) {
    fail(
      'verifyWebhook cannot read the request body: it was already read. Verify first, or pass { payload, header, secret }.',
      cause,
    );
  }
  return new Uint8Array(await clone.arrayBuffer());
}

import { FlareError } from '../errors/flare-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';

/** Above this a `now` in seconds would be past the year 5000: it is surely milliseconds. */
const MAX_PLAUSIBLE_NOW_SEC = 1e11;

/** Checks that the verifier got an options object; a wrong argument is a programmer error. */
export function checkOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new FlareError(
      'verifyWebhook takes one options object: { payload, header, secret } or { request, secret }.',
    );
  }
}

/** One secret, or a non-empty list of them, each a non-empty string. */
export function readSecrets(secret: unknown): string | readonly string[] {
  if (typeof secret === 'string' && secret !== '') return secret;
  if (Array.isArray(secret) && secret.length > 0 && secret.every(isNonEmptyString)) return secret;
  // Describe what was passed without ever echoing a secret.
  const got =
    secret === ''
      ? 'an empty string'
      : Array.isArray(secret)
        ? secret.length === 0
          ? 'an empty list'
          : 'a list with an empty or non-string entry'
        : typeOf(secret);
  throw new FlareError(
    `verifyWebhook needs \`secret\`: the endpoint's signing secret ("whsec_…"), or a list of them ` +
      `during a rotation; got ${got}. Is the environment variable holding it set?`,
  );
}

/** `toleranceSec`: seconds >= 0, `Infinity` allowed; `undefined` means the default. */
export function readTolerance(value: unknown, defaultSec: number): number {
  if (value === undefined) return defaultSec;
  if (typeof value === 'number' && value >= 0) return value; // NaN fails `>= 0`
  throw new FlareError(
    `verifyWebhook \`toleranceSec\` must be a number of seconds >= 0 (Infinity turns the check ` +
      `off); got ${typeof value === 'number' ? value : typeOf(value)}.`,
  );
}

/** `now` in unix seconds (possibly fractional); `undefined` means the system clock. */
export function readNow(now: unknown): number {
  if (now === undefined) return Date.now() / 1000;
  const sec = now instanceof Date ? now.getTime() / 1000 : now;
  if (typeof sec !== 'number' || !Number.isFinite(sec)) {
    throw new FlareError(
      `verifyWebhook \`now\` must be unix seconds or a valid Date; got ${now instanceof Date ? 'an invalid Date' : typeOf(now)}.`,
    );
  }
  if (sec > MAX_PLAUSIBLE_NOW_SEC) {
    throw new FlareError(
      `verifyWebhook \`now\` is unix seconds, but ${sec} looks like milliseconds: pass ` +
        'Math.floor(Date.now() / 1000) or a Date.',
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
      'The webhook payload is an already-parsed object, but the signature covers the exact bytes ' +
        'received: pass the raw request body (a string, Uint8Array/Buffer or ArrayBuffer), e.g. ' +
        "with express.raw({ type: 'application/json' }) or `await request.text()`.",
    );
  }
  throw new FlareError(
    `verifyWebhook needs \`payload\`: the raw request body as a string, Uint8Array/Buffer or ` +
      `ArrayBuffer; got ${typeOf(payload)}.`,
  );
}

/** The `header` option: the header's value, or `null`/`undefined` when the request had none. */
export function readHeader(header: unknown): string | null | undefined {
  if (header === undefined || header === null || typeof header === 'string') return header;
  throw new FlareError(
    "verifyWebhook `header` must be the zeridion-signature header's value (a string, or null when " +
      `absent), e.g. req.headers['zeridion-signature']; got ${typeOf(header)}.`,
  );
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/** A custom `WebhookCrypto.sign` answered something other than bytes. */
export function badSign(): FlareError {
  return new FlareError(
    'WebhookCrypto.sign must return (or resolve to) the 32 HMAC-SHA256 bytes as a Uint8Array.',
  );
}

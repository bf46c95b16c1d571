import { fail } from '../errors/invalid.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';

// A wrong argument is a programmer error: a `FlareError`, never a verification failure. No
// message echoes what was passed (it could be a secret).

/** The raw body as a string or bytes (a view of exactly the given bytes, never a copy). */
export function readPayload(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string') return payload;
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  // Tags, not `instanceof`: a body may come from another realm.
  const tag = {}.toString.call(payload);
  if (tag === '[object ArrayBuffer]') return new Uint8Array(payload as ArrayBuffer);
  // A parsed body, or none because no raw body parser ran: what a route gets when its framework
  // handled the body first. A verification failure (answer 400), not a crash (500).
  if (payload == null || Array.isArray(payload) || tag === '[object Object]') {
    throw new WebhookVerificationError(
      'invalid_payload',
      'The webhook payload is parsed or missing: pass the raw body (string, Uint8Array or ArrayBuffer)',
    );
  }
  fail('payload must be the raw body (string, Uint8Array or ArrayBuffer)');
}

/** The signature header of a Fetch API `Request` (`null` when absent). */
export function readRequestHeader(request: Request | null, name: string): string | null {
  if (typeof request?.headers?.get !== 'function' || typeof request.clone !== 'function') {
    fail('request must be a Fetch API Request, or pass { payload, header, secret }');
  }
  return request.headers.get(name);
}

/** The body of a `Request`, read from a clone so the caller can still read the original. */
export async function readRequestBody(request: Request): Promise<Uint8Array> {
  let clone: Request | undefined;
  try {
    if (!request.bodyUsed) clone = request.clone();
  } catch {
    // A disturbed or locked body: reported below.
  }
  if (!clone) {
    fail('Request body already read: verify first, or pass { payload, header, secret }');
  }
  return new Uint8Array(await clone.arrayBuffer());
}

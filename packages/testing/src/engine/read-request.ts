import { ApiFailure } from './api-failure.js';
import type { FakeRequest, NormalRequest } from './types.js';
import type { Fields } from './validation/check.js';

const PRINTABLE = /^[\x20-\x7E]+$/;
/** Request bodies past this are refused before parsing (the largest valid body is ~512 KiB). */
const MAX_BODY_CHARS = 2 * 1024 * 1024;

/** One shape for every front: lower-case headers (joined when repeated), query as lists. */
export function normalise(request: FakeRequest): NormalRequest {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined || value === null) continue;
    headers.set(name.toLowerCase(), typeof value === 'string' ? value : value.join(', '));
  }
  const query = new Map<string, string[]>();
  const add = (key: string, value: string) => {
    const list = query.get(key);
    if (list) list.push(value);
    else query.set(key, [value]);
  };
  const q = request.query;
  if (q instanceof URLSearchParams) {
    for (const [key, value] of q) add(key, value);
  } else if (q) {
    for (const [key, value] of Object.entries(q)) {
      if (value === undefined || value === null) continue;
      if (typeof value === 'string') add(key, value);
      else for (const v of value) add(key, v);
    }
  }
  return {
    method: request.method.toUpperCase(),
    path: request.path,
    query,
    headers,
    rawBody: request.body ?? '',
  };
}

/** The caller's `X-Request-Id` when usable (1–200 printable ASCII), else `undefined`. */
export function callerRequestId(value: string | undefined): string | undefined {
  return value !== undefined && value.length <= 200 && PRINTABLE.test(value) ? value : undefined;
}

/** A valid `Idempotency-Key` (1–255 printable ASCII) or the 400 naming the header. */
export function idempotencyKey(value: string): string {
  if (value.length === 0 || value.length > 255 || !PRINTABLE.test(value)) {
    throw new ApiFailure(
      400,
      'parameter_invalid',
      'Idempotency-Key: must be 1–255 printable ASCII characters',
      'Idempotency-Key',
    );
  }
  return value;
}

/**
 * The JSON object body of a POST. Empty is accepted where the body is optional; anything that is
 * not a JSON object sent as `application/json` is 400 `invalid_json`.
 */
export function readBody(
  req: NormalRequest,
  required: boolean,
  maxChars = MAX_BODY_CHARS,
): Fields | undefined {
  if (req.method !== 'POST') return undefined;
  if (req.rawBody === '') {
    if (required) throw invalidJson('The request body must be a JSON object.');
    return undefined;
  }
  if (req.rawBody.length > maxChars) {
    const mib = maxChars / 1024 / 1024;
    throw new ApiFailure(400, 'payload_too_large', `The request body is larger than ${mib} MiB.`);
  }
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw invalidJson(`Send the body as JSON with Content-Type: application/json (got "${type}").`);
  }
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    throw invalidJson('The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidJson('The request body must be a JSON object.');
  }
  return body as Fields;
}

function invalidJson(message: string): ApiFailure {
  return new ApiFailure(400, 'invalid_json', message);
}

import { invalid } from '../errors/invalid.js';
import { isObject } from '../internal/is-object.js';

/**
 * A caller-supplied header value: 1 to `max` printable ASCII characters (the spec's rule for the
 * SDK's own headers; no CR or LF, so nothing can be smuggled into the request head). Checked here
 * so a bad value is a `ValidationError`, not a transport failure that would be retried.
 */
export function headerValue(value: unknown, param: string, max: number): string {
  if (typeof value !== 'string' || !/^[\x20-\x7e]+$/.test(value) || value.length > max) {
    invalid(`${param} must be 1-${max} printable ASCII characters`, param);
  }
  return value;
}

/**
 * Checks `defaultHeaders` or a call's `headers` (named by `param`) and returns them with the
 * lower-case names transports expect. Headers the contract gives a meaning to (`authorization`,
 * `idempotency-key`, `x-request-id`, `user-agent`, `x-flare-*`) or the transport computes
 * (`content-*`, `host`) are refused: a gateway's `Idempotency-Key` would silently replace the
 * SDK's, and a retried write could then be duplicated.
 */
export function customHeaders(headers: unknown, param: string): Record<string, string> {
  // for-in over `undefined` (no headers given) runs no iteration.
  if (headers !== undefined && !isObject(headers)) invalid(`${param} must be an object`, param);
  const out: Record<string, string> = {};
  for (const name in headers as Record<string, unknown>) {
    const key = name.toLowerCase();
    const at = `${param}.${name}`;
    if (
      /^(authorization|content-|host$|idempotency-key|user-agent|x-request-id|x-flare-)/.test(key)
    ) {
      invalid(`${at}: the SDK sets this header`, at);
    }
    if (!/^[\w.-]+$/.test(name)) invalid(`${at} must be a header name`, at);
    out[key] = headerValue((headers as Record<string, unknown>)[name], at, 8192);
  }
  return out;
}

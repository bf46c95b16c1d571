import { ValidationError } from '../errors/api-errors.js';
import { isObject } from '../internal/is-object.js';

// Parameters are validated by the server (400 `invalid_request_error` naming `param`, which
// becomes a `ValidationError`); the SDK checks only what the server cannot see or would misread.
// See docs/decisions/0005-edge-size-budget.md.

/**
 * Throws a `ValidationError` shaped like the server's (`invalid_request_error`,
 * `parameter_invalid`); `param` names the field, if one is at fault.
 */
export function invalid(message: string, param?: string): never {
  throw new ValidationError(message, {
    type: 'invalid_request_error',
    code: 'parameter_invalid',
    param,
  });
}

/**
 * Checks an id and URL-encodes it for a path segment. An empty one would silently turn
 * `GET /v1/jobs/{id}` into the list endpoint, and so would `.` or `..`: URL parsers resolve them
 * as dot-segments, encoded (`%2E`) or not.
 */
export function pathId(id: unknown): string {
  if (typeof id !== 'string' || !id.trim() || /^\.\.?$/.test(id)) {
    invalid('id must be a job id', 'id');
  }
  return encodeURIComponent(id);
}

/** Checks that `params` is an object; `call` names the method, e.g. `createJob`. */
export function checkObject(params: unknown, call: string): asserts params is object {
  if (!isObject(params)) invalid(`${call} params must be an object`);
}

/**
 * `createJob`'s params as JSON, refused before sending when they are not an object, when `run_at`
 * is an Invalid Date, or when they cannot be serialised (a cycle, a BigInt: in practice the
 * payload).
 */
export function jsonBody(params: unknown): string {
  checkObject(params, 'createJob');
  // JSON.stringify writes an Invalid Date as null, which the server reads as "run now".
  const runAt = (params as { run_at?: unknown }).run_at;
  if (runAt instanceof Date && Number.isNaN(+runAt)) {
    invalid('run_at is an Invalid Date', 'run_at');
  }
  try {
    return JSON.stringify(params);
  } catch (cause) {
    throw new ValidationError(`payload must be plain JSON (${cause})`, {
      type: 'invalid_request_error',
      code: 'parameter_invalid',
      param: 'payload',
      cause,
    });
  }
}

/** `?key=value&…` of the defined entries of `query`, or `''`. */
export function queryString(query: Record<string, unknown>): string {
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value !== undefined) {
      out += `${out ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
    }
  }
  return out;
}

import { ValidationError } from '../errors/api-errors.js';
import { invalid } from '../errors/invalid.js';
import { isObject } from '../internal/is-object.js';

// Helpers that turn a method's arguments into a request's path, query and body, for any resource.
// Parameters are validated by the server (400 `invalid_request_error` naming `param`, which
// becomes a `ValidationError`); the SDK checks only what the server cannot see or would misread.
// See docs/decisions/0005-edge-size-budget.md.

/**
 * Checks an id and URL-encodes it for a path segment; `kind` names the resource in the error
 * ("id must be a job id"). An empty id would silently turn `GET /v1/jobs/{id}` into the list
 * endpoint, and so would `.` or `..`: URL parsers resolve them as dot-segments, encoded (`%2E`)
 * or not.
 */
export function pathId(id: unknown, kind: string): string {
  if (typeof id !== 'string' || !id.trim() || /^\.\.?$/.test(id)) {
    invalid(`id must be a ${kind} id`, 'id');
  }
  return encodeURIComponent(id);
}

/** Checks that `params` is an object; `call` names the method, e.g. `createJob`. */
export function checkObject(params: unknown, call: string): asserts params is object {
  if (!isObject(params)) invalid(`${call} params must be an object`);
}

/**
 * A method's params as a JSON body, refused before sending when they are not an object, when
 * `run_at` is an Invalid Date, or when they cannot be serialised (a cycle, a BigInt: in practice
 * the payload). `call` names the method in the error.
 */
export function jsonBody(params: unknown, call: string): string {
  checkObject(params, call);
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

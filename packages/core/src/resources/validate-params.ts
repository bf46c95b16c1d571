import { ValidationError } from '../errors/api-errors.js';
import { describe } from '../internal/describe.js';

/** Checks one parameter (absent is `undefined`), throwing a `ValidationError` naming it. */
type Check = (value: unknown, param: string) => void;

/** Throws a `ValidationError` naming `param` — the same shape the server uses. */
function invalid(param: string, message: string): never {
  throw new ValidationError(`${param}: ${message}`, {
    param,
    type: 'invalid_request_error',
    code: 'parameter_invalid',
  });
}

const optional =
  (check: Check): Check =>
  (value, param) =>
    value === undefined || check(value, param);

/** `job_type` and `queue` share one alphabet: 1–128 of `[A-Za-z0-9_.:-]`. */
const name: Check = (value, param) =>
  (typeof value === 'string' && /^[\w.:-]{1,128}$/.test(value)) ||
  invalid(param, 'must be 1–128 characters of A-Z a-z 0-9 _ . : -');

const int =
  (min: number, max: number): Check =>
  (value, param) =>
    (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) ||
    invalid(param, `must be a whole number from ${min} to ${max}`);

const string =
  (max: number): Check =>
  (value, param) =>
    (typeof value === 'string' && value !== '' && value.length <= max) ||
    invalid(param, `must be a string of 1–${max} characters`);

const payload: Check = (value, param) => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    invalid(param, 'must be a JSON object');
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    invalid(param, `is not JSON-serialisable: ${(error as Error).message}`);
  }
  // A UTF-8 character is at most 3 bytes per UTF-16 unit: only long payloads need the exact count.
  if (json.length * 3 > 262_144 && new TextEncoder().encode(json).length > 262_144) {
    invalid(param, 'is over 256 KiB as JSON: store large data elsewhere and pass a reference');
  }
};

const runAt: Check = (value, param) =>
  !Number.isNaN(
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : Number.NaN,
  ) || invalid(param, 'must be a Date or an RFC 3339 string');

const tags: Check = (value, param) => {
  if (!Array.isArray(value) || value.length > 10)
    invalid(param, 'must be an array of up to 10 strings');
  value.forEach((tag, i) => {
    string(64)(tag, `${param}.${i}`);
  });
};

const STATES = ['scheduled', 'pending', 'running', 'succeeded', 'failed', 'cancelled'];
const state: Check = (value, param) =>
  STATES.includes(value as string) || invalid(param, `must be one of ${STATES.join(', ')}`);

/** `createJob`'s parameters, in the order they are checked. */
export const CREATE_JOB: Record<string, Check> = {
  job_type: name,
  payload: optional(payload),
  queue: optional(name),
  max_attempts: optional(int(1, 25)),
  run_at: optional(runAt),
  tags: optional(tags),
};

/** `listJobs`' parameters, in the order they are checked. */
export const LIST_JOBS: Record<string, Check> = {
  state: optional(state),
  queue: optional(name),
  job_type: optional(name),
  tag: optional(string(64)),
  limit: optional(int(1, 100)),
  cursor: optional(string(1024)),
};

/**
 * Checks `params` against `schema`: first that every key is known, suggesting the wire spelling
 * for a camelCase slip (`jobType` → `job_type`) so a typo is never silently dropped; then each
 * parameter.
 */
export function checkParams(params: unknown, schema: Record<string, Check>, what: string): void {
  if (!params || typeof params !== 'object' || Array.isArray(params)) {
    invalid(what, `must be an object (got ${describe(params)})`);
  }
  const allowed = Object.keys(schema);
  for (const key of Object.keys(params)) {
    if (allowed.includes(key)) continue;
    const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const hint = allowed.includes(snake) ? ` (did you mean "${snake}"? Use snake_case)` : '';
    invalid(key, `unknown parameter for ${what}${hint}; allowed: ${allowed.join(', ')}`);
  }
  for (const key of allowed) schema[key]!((params as Record<string, unknown>)[key], key);
}

/** Validates an id and returns it URL-encoded for a path segment. */
export function pathId(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) {
    invalid('id', 'must be a non-empty id like "job_01JD…"');
  }
  return encodeURIComponent(value);
}

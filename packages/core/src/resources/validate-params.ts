import { ValidationError } from '../errors/api-errors.js';

const JOB_TYPE = /^[A-Za-z0-9_.:-]{1,128}$/;
const STATES = new Set(['scheduled', 'pending', 'running', 'succeeded', 'failed', 'cancelled']);
const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Throws a `ValidationError` naming `param` — the same shape the server uses. */
export function invalid(param: string, message: string): never {
  throw new ValidationError(`${param}: ${message}`, {
    param,
    type: 'invalid_request_error',
    code: 'parameter_invalid',
  });
}

/**
 * Rejects keys the endpoint does not know, suggesting the wire spelling for a camelCase slip
 * (`jobType` → `job_type`), so a typo is never silently dropped.
 */
export function checkKeys(params: object, allowed: readonly string[], what: string): void {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    invalid(
      what,
      `must be an object of parameters (got ${params === null ? 'null' : typeof params})`,
    );
  }
  for (const key of Object.keys(params)) {
    if (allowed.includes(key)) continue;
    const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const hint = allowed.includes(snake)
      ? ` — did you mean "${snake}"? Parameters use the wire's snake_case`
      : '';
    invalid(key, `unknown parameter for ${what}${hint}; allowed: ${allowed.join(', ')}`);
  }
}

/** `job_type` and `queue` share one alphabet: 1–128 of `[A-Za-z0-9_.:-]`. */
export function checkJobType(value: unknown, param = 'job_type'): void {
  if (typeof value !== 'string' || !JOB_TYPE.test(value)) {
    invalid(param, 'must be 1–128 characters of letters, digits, "_", ".", ":" or "-"');
  }
}

export function checkPayload(value: unknown): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    invalid('payload', 'must be a JSON object (e.g. { userId: 42 })');
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    invalid('payload', `is not JSON-serialisable: ${(error as Error).message}`);
  }
  // A UTF-8 char is at most 3 bytes per UTF-16 unit: only long payloads need the exact count.
  if (
    json.length * 3 > MAX_PAYLOAD_BYTES &&
    new TextEncoder().encode(json).byteLength > MAX_PAYLOAD_BYTES
  ) {
    invalid(
      'payload',
      'must serialise to at most 256 KiB of JSON; store large data elsewhere and pass a reference',
    );
  }
}

export function checkInt(param: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(param, `must be a whole number from ${min} to ${max}`);
  }
}

export function checkString(param: string, value: unknown, max = 256): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value === '' || value.length > max) {
    invalid(param, `must be a non-empty string of at most ${max} characters`);
  }
}

export function checkTags(value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length > 10)
    invalid('tags', 'must be an array of at most 10 strings');
  value.forEach((tag, i) => {
    if (typeof tag !== 'string' || tag === '' || tag.length > 64) {
      invalid(`tags.${i}`, 'must be a non-empty string of at most 64 characters');
    }
  });
}

export function checkRunAt(value: unknown): void {
  if (value === undefined) return;
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : Number.NaN;
  if (Number.isNaN(time)) invalid('run_at', 'must be a valid Date or an RFC 3339 timestamp string');
}

export function checkState(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !STATES.has(value)) {
    invalid('state', `must be one of ${[...STATES].join(', ')}`);
  }
}

/** Validates an id and returns it URL-encoded for a path segment. */
export function pathId(value: unknown, param = 'id'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    invalid(param, 'must be a non-empty string such as "job_01JD…"');
  }
  return encodeURIComponent(value);
}

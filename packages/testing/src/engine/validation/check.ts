import { badParam } from '../api-failure.js';

/** A parsed JSON object body or query. */
export type Fields = Record<string, unknown>;

const NAME = /^[A-Za-z0-9_.:-]{1,128}$/;
const PRINTABLE = /^[\x20-\x7E]+$/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;
/** 256 KiB, measured on the compact JSON in UTF-8 bytes. */
export const MAX_JSON_BYTES = 262_144;

/** Rejects any key outside `allowed` (400 `unknown_parameter`), prefixing nested params. */
export function onlyKeys(fields: Fields, allowed: readonly string[], prefix = ''): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) throw unknownParam(key, allowed, prefix);
  }
}

/**
 * 400 `unknown_parameter` for `key`, listing `allowed`; a camelCase spelling of an allowed name
 * (`jobType`) ends with `did you mean "job_type"?` (the spec's rule: the hint is the server's).
 */
export function unknownParam(key: string, allowed: readonly string[], prefix = '') {
  const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const hint = snake !== key && allowed.includes(snake) ? `; did you mean "${snake}"?` : '';
  return badParam(
    prefix + key,
    `unknown parameter; allowed: ${allowed.join(', ')}${hint}`,
    'unknown_parameter',
  );
}

/** The value of a required field (400 `parameter_missing` when absent). */
export function required(fields: Fields, key: string, prefix = ''): unknown {
  if (fields[key] === undefined) throw badParam(prefix + key, 'is required', 'parameter_missing');
  return fields[key];
}

/** 400 `parameter_invalid` for `param`. */
export function invalid(param: string, message: string) {
  return badParam(param, message);
}

/** `null` is only accepted where the contract says so. */
export function notNull(value: unknown, param: string): void {
  if (value === null) throw badParam(param, 'must not be null; leave the field out instead');
}

/** A job type or queue name: 1–128 of `[A-Za-z0-9_.:-]`. */
export function name(value: unknown, param: string): string {
  notNull(value, param);
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw badParam(param, 'must be 1–128 characters of letters, digits, "_", ".", ":" or "-"');
  }
  return value;
}

/** A whole number in [min, max]. */
export function int(value: unknown, param: string, min: number, max: number): number {
  notNull(value, param);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badParam(param, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** A string of `min`–`max` characters, printable ASCII when `ascii`. */
export function text(
  value: unknown,
  param: string,
  min: number,
  max: number,
  ascii = false,
): string {
  notNull(value, param);
  if (
    typeof value !== 'string' ||
    value.length < min ||
    value.length > max ||
    (ascii && !PRINTABLE.test(value))
  ) {
    const what = ascii ? 'printable ASCII characters' : 'characters';
    throw badParam(param, `must be a string of ${min}–${max} ${what}`);
  }
  return value;
}

export function bool(value: unknown, param: string): boolean {
  notNull(value, param);
  if (typeof value !== 'boolean') throw badParam(param, 'must be true or false');
  return value;
}

/** A plain JSON object (not an array, not null). */
export function object(value: unknown, param: string): Fields {
  notNull(value, param);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badParam(param, 'must be a JSON object');
  }
  return value as Fields;
}

/**
 * Any JSON value whose compact serialisation is at most 256 KiB (400 `payload_too_large`).
 * `textChars`, when known, is the length of the JSON text `value` was parsed from (or a text
 * containing it): its compact form is then at most 6 UTF-8 bytes per character of that text (a
 * lone surrogate becomes `\uXXXX`; `1e20` becomes 21 digits), so a text of up to 43,690
 * characters needs no serialising to pass.
 */
export function sized<T>(value: T, param: string, textChars = Number.POSITIVE_INFINITY): T {
  if (textChars * 6 <= MAX_JSON_BYTES) return value;
  const json = JSON.stringify(value);
  // A UTF-16 unit is at most 3 UTF-8 bytes: only long JSON needs the exact count.
  if (json.length * 3 > MAX_JSON_BYTES && Buffer.byteLength(json) > MAX_JSON_BYTES) {
    throw badParam(param, 'must serialise to at most 256 KiB of JSON', 'payload_too_large');
  }
  return value;
}

/** A list of `min`–`max` distinct items, each checked by `item` (param `name.i`). */
export function list<T>(
  value: unknown,
  param: string,
  min: number,
  max: number,
  item: (v: unknown, param: string) => T,
): T[] {
  notNull(value, param);
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw badParam(param, `must be a list of ${min}–${max} items`);
  }
  const seen = new Set<T>();
  return value.map((v, i) => {
    const checked = item(v, `${param}.${i}`);
    if (seen.has(checked)) throw badParam(`${param}.${i}`, 'duplicates an earlier item');
    seen.add(checked);
    return checked;
  });
}

/** An RFC 3339 timestamp with any offset, as ms since the epoch. */
export function timestamp(value: unknown, param: string): number {
  const m = typeof value === 'string' ? RFC3339.exec(value) : null;
  const ms = m ? Date.parse(value as string) : Number.NaN;
  const [, y, mo, d, h, mi, s] = m ?? [];
  const calendar = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    Number.isNaN(ms) ||
    calendar.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    throw badParam(param, 'must be an RFC 3339 timestamp such as 2026-01-01T09:00:00Z');
  }
  return ms;
}

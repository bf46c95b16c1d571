/**
 * Names what a caller passed, for "got …" in a message, without echoing a long string (which
 * could be a secret or an API key): `"abc"`, `a long string`, `null`, `an array`, `an object`,
 * `-1`, `function`.
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value && typeof value === 'object') return 'an object';
  return typeof value === 'function' || typeof value === 'symbol' ? typeof value : String(value);
}

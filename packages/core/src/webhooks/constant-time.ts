/**
 * Compares two byte arrays in time that depends only on their length, never on where they
 * differ, so a signature check leaks nothing about how close a forgery came. Arrays of
 * different lengths are unequal (a signature's length is public anyway).
 *
 * @example
 * ```ts
 * constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])); // true
 * constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])); // false
 * ```
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  // No early exit: every byte is visited whatever the content.
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

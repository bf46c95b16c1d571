import { WebhookVerificationError } from '../errors/webhook-verification-error.js';

/**
 * A `zeridion-signature` header, parsed.
 * @example
 * ```ts
 * const parsed: ParsedSignatureHeader = parseSignatureHeader(header);
 * console.log(new Date(parsed.timestampSec * 1000), parsed.signatures.length);
 * ```
 */
export interface ParsedSignatureHeader {
  /** The `t` value exactly as sent: the signed content starts with it. */
  timestamp: string;
  /** `timestamp` in unix seconds. */
  timestampSec: number;
  /** Every well-formed `v1` signature, decoded to 32 bytes, in header order. */
  signatures: Uint8Array[];
}

const SHAPE =
  'it should look like "t=<unix seconds>,v1=<64 hex characters>", with one v1 entry per ' +
  'signing secret during a rotation';

/**
 * Parses `zeridion-signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, elements in any order.
 * Whitespace around elements and `=` is allowed; other schemes (`v0=`, `v2=`, …) and `v1` values
 * that are not 64 hex characters are ignored. Throws a `WebhookVerificationError`
 * (`malformed_header`) when an element is not `key=value`, when `t` is missing, repeated or not a
 * whole number, or when no valid `v1` entry remains (docs/decisions/0001-wire-contract-gaps.md).
 *
 * @example
 * ```ts
 * const { timestampSec, signatures } = parseSignatureHeader(`t=1764547200,v1=${'ab'.repeat(32)}`);
 * // timestampSec === 1764547200, signatures.length === 1
 * ```
 */
export function parseSignatureHeader(header: string): ParsedSignatureHeader {
  let timestamp: string | undefined;
  let v1Seen = 0;
  const signatures: Uint8Array[] = [];
  // One pass over the header by index: no split, slice or trim on the hot path.
  for (let start = 0; start <= header.length; ) {
    let end = header.indexOf(',', start);
    if (end === -1) end = header.length;
    const eq = header.indexOf('=', start);
    const keyStart = skipSpace(header, start, end);
    const keyEnd = eq === -1 || eq > end ? keyStart : skipSpaceBack(header, keyStart, eq);
    const keyLength = keyEnd - keyStart;
    if (keyLength === 0) {
      const element = header.slice(start, end).trim().slice(0, 24);
      throw malformed(`its element "${element}" is not key=value`);
    }
    const valueStart = skipSpace(header, eq + 1, end);
    const valueEnd = skipSpaceBack(header, valueStart, end);
    if (keyLength === 1 && header.startsWith('t', keyStart)) {
      if (timestamp !== undefined) throw malformed('it has more than one "t=" timestamp');
      timestamp = header.slice(valueStart, valueEnd);
    } else if (keyLength === 2 && header.startsWith('v1', keyStart)) {
      v1Seen++;
      const signature = decodeHex32(header, valueStart, valueEnd);
      if (signature !== undefined) signatures.push(signature);
    }
    start = end + 1;
  }
  if (timestamp === undefined) throw malformed('it has no "t=" timestamp');
  const timestampSec = parseUnixSeconds(timestamp);
  if (timestampSec < 0) {
    throw malformed(`its timestamp "t=${timestamp.slice(0, 24)}" is not whole unix seconds`);
  }
  if (signatures.length === 0) {
    throw malformed(
      v1Seen === 0
        ? 'it has no "v1=" signature'
        : 'none of its "v1=" signatures is 64 hexadecimal characters',
    );
  }
  return { timestamp, timestampSec, signatures };
}

function malformed(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'malformed_header',
    `Malformed zeridion-signature header: ${problem}; ${SHAPE}.`,
  );
}

/** Nibble value of each byte-sized code unit; 0x100 flags anything that is not a hex digit. */
const HEX_DIGITS = /* @__PURE__ */ (() => {
  const table = new Uint16Array(256).fill(0x100);
  for (let i = 0; i < 10; i++) table[48 + i] = i; // 0-9
  for (let i = 0; i < 6; i++) table[65 + i] = table[97 + i] = 10 + i; // A-F, a-f
  return table;
})();

/** Decodes `text[start, end)` if it is exactly 64 hex characters (either case), else `undefined`. */
function decodeHex32(text: string, start: number, end: number): Uint8Array | undefined {
  if (end - start !== 64) return undefined;
  const bytes = new Uint8Array(32);
  let flags = 0;
  // Branch-free: a non-digit sets a bit above 0xff, as does any code unit above 0xff.
  for (let i = 0, j = start; i < 32; i++, j += 2) {
    const high = text.charCodeAt(j);
    const low = text.charCodeAt(j + 1);
    const byte =
      (HEX_DIGITS[high & 0xff]! << 4) | HEX_DIGITS[low & 0xff]! | ((high | low) & 0xff00);
    flags |= byte;
    bytes[i] = byte;
  }
  return flags > 0xff ? undefined : bytes;
}

/** HTTP optional whitespace: space and tab. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function skipSpace(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  return start;
}

function skipSpaceBack(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** 1 to 15 ASCII digits (always a safe integer) as a number, else -1. */
function parseUnixSeconds(text: string): number {
  if (text.length === 0 || text.length > 15) return -1;
  let seconds = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    seconds = seconds * 10 + digit;
  }
  return seconds;
}

import { WebhookVerificationError } from '../errors/webhook-verification-error.js';

/** `true` in the edge build (conditions workerd, edge-light, worker), `false` elsewhere: tsup.config.ts. */
declare const __FLARE_EDGE__: boolean;

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

/** The header as Flare sends it with a single secret: parsed by one regex, nothing split. */
const CANONICAL = /^t=\d{1,15},v1=[\da-f]{64}$/;

/** `key=value` with optional spaces and tabs around both; the key is what precedes the first `=`. */
const ELEMENT = /^[ \t]*([^=]*?)[ \t]*=[ \t]*(.*?)[ \t]*$/s;

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
  if (!__FLARE_EDGE__ && CANONICAL.test(header)) {
    // "t=" + digits + ",v1=" + 64 hex: the signature is the last 64 characters.
    const t = header.slice(2, -68);
    return { timestamp: t, timestampSec: +t, signatures: [decodeHex(header, header.length - 64)] };
  }
  let timestamp: string | undefined;
  let v1Seen = false;
  const signatures: Uint8Array[] = [];
  for (const element of header.split(',')) {
    const [, key, value = ''] = ELEMENT.exec(element) ?? [];
    if (!key) throw malformed(`element "${element.trim().slice(0, 24)}" is not key=value`);
    if (key === 't') {
      if (timestamp !== undefined) throw malformed('more than one "t="');
      timestamp = value;
    } else if (key === 'v1') {
      v1Seen = true;
      if (/^[\da-f]{64}$/i.test(value)) signatures.push(decodeHex(value));
    }
  }
  if (timestamp === undefined) throw malformed('no "t=" timestamp');
  // 1 to 15 ASCII digits: always a safe integer.
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw malformed(`"t=${timestamp.slice(0, 24)}" is not whole unix seconds`);
  }
  if (!signatures.length) {
    throw malformed(
      v1Seen ? 'none of its "v1=" signatures is 64 hexadecimal characters' : 'no "v1=" signature',
    );
  }
  return { timestamp, timestampSec: +timestamp, signatures };
}

function malformed(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'malformed_header',
    `Malformed zeridion-signature header (${problem}): expected "t=<unix seconds>,v1=<64 hex characters>".`,
  );
}

/**
 * In the Node build, decoded signatures are 32-byte views into shared 4 KiB blocks. A small typed
 * array of its own lives on the JS heap, and native code that reads it (node:crypto's
 * `timingSafeEqual`) must first move it off the heap, which costs more than the comparison; a
 * view into a block never moves. Edge runtimes compare in JavaScript: a plain array does there.
 */
let block: ArrayBuffer;
let used = 4096;

/** The 64 hex digits (already checked) at `from` in `hex` to 32 bytes. */
function decodeHex(hex: string, from = 0): Uint8Array {
  const bytes = __FLARE_EDGE__ ? new Uint8Array(32) : blockView();
  // A hex digit's value: its low 4 bits, plus 9 for the letters (code ≥ 64), either case.
  const nibble = (i: number) => {
    const code = hex.charCodeAt(from + i);
    return (code & 15) + (code >> 6) * 9;
  };
  for (let i = 0; i < 32; i++) bytes[i] = (nibble(2 * i) << 4) | nibble(2 * i + 1);
  return bytes;
}

function blockView(): Uint8Array {
  if (used > 4064) {
    block = new ArrayBuffer(4096);
    used = 0;
  }
  used += 32;
  return new Uint8Array(block, used - 32, 32);
}

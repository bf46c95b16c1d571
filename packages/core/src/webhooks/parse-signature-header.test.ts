import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { parseSignatureHeader } from './parse-signature-header.js';

const A = 'ab'.repeat(32);
const B = '0123456789abcdef'.repeat(4);
const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g)!, (h) => Number.parseInt(h, 16));

function malformed(header: string): WebhookVerificationError {
  try {
    parseSignatureHeader(header);
  } catch (error) {
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
    expect((error as WebhookVerificationError).reason).toBe('malformed_header');
    return error as WebhookVerificationError;
  }
  return expect.fail(`expected ${JSON.stringify(header)} to be rejected`);
}

describe('parseSignatureHeader', () => {
  it('parses t and one v1', () => {
    expect(parseSignatureHeader(`t=1764547200,v1=${A}`)).toEqual({
      timestamp: '1764547200',
      timestampSec: 1764547200,
      signatures: [bytesOf(A)],
    });
  });

  it('parses the canonical form (its fast path) exactly as the general parser does', () => {
    // Each pair: the canonical header, and a variant only the general parser takes.
    for (const [t, hex] of [
      ['0', A],
      ['1764547200', B],
      ['999999999999999', A],
    ] as const) {
      const canonical = parseSignatureHeader(`t=${t},v1=${hex}`);
      expect(canonical).toEqual(parseSignatureHeader(` t=${t} , v1=${hex.toUpperCase()}`));
      expect(canonical).toEqual({
        timestamp: t,
        timestampSec: Number(t),
        signatures: [bytesOf(hex)],
      });
    }
    // Near misses of the canonical form still go through the general rules.
    malformed(`t=1234567890123456,v1=${A}`); // 16 digits
    malformed(`t=12,v1=${A.slice(1)}`); // 63 hex digits: no valid v1 left
    malformed(`t=12,v1=${A}0`); // 65 hex digits
    expect(parseSignatureHeader(`t=12,v1=${A}0,v1=${B}`).signatures).toEqual([bytesOf(B)]);
  });

  it('keeps every v1 in order (rotation), wherever t is', () => {
    const parsed = parseSignatureHeader(`v1=${B},t=5,v1=${A}`);
    expect(parsed.signatures).toEqual([bytesOf(B), bytesOf(A)]);
    expect(parsed.timestampSec).toBe(5);
  });

  it('tolerates spaces and tabs around elements and "="', () => {
    const parsed = parseSignatureHeader(` t = 10 ,\tv1 =  ${A} , v0 = x `);
    expect(parsed).toMatchObject({ timestamp: '10', timestampSec: 10 });
    expect(parsed.signatures).toEqual([bytesOf(A)]);
  });

  it('ignores unknown schemes, whatever their values', () => {
    const parsed = parseSignatureHeader(`t=1,v0=${B},v2=${B},V1=${B},v1x=${B},scheme=1=2,v1=${A}`);
    expect(parsed.signatures).toEqual([bytesOf(A)]);
  });

  it('accepts upper-case hex', () => {
    expect(parseSignatureHeader(`t=1,v1=${A.toUpperCase()}`).signatures).toEqual([bytesOf(A)]);
  });

  it('ignores v1 values that are not 64 hex characters while a valid one remains', () => {
    const parsed = parseSignatureHeader(`t=1,v1=abc,v1=${'g'.repeat(64)},v1=${A}0,v1=${A}`);
    expect(parsed.signatures).toEqual([bytesOf(A)]);
  });

  it('keeps the timestamp text as sent (it is what was signed)', () => {
    expect(parseSignatureHeader(`t=0042,v1=${A}`)).toMatchObject({
      timestamp: '0042',
      timestampSec: 42,
    });
  });

  it.each([
    ['nonsense', /element "nonsense" is not key=value/],
    ['', /element "" is not key=value/],
    [`t=1,v1=${A},`, /element "" is not key=value/],
    [`,t=1,v1=${A}`, /element "" is not key=value/],
    [`t=1,,v1=${A}`, /element "" is not key=value/],
    [`t=1, ,v1=${A}`, /element "" is not key=value/],
    [`t=1,v1=${A},garbage`, /element "garbage" is not key=value/],
    [`t=1,=${A}`, /element "=(ab)+a?" is not key=value/],
    [`v1=${A}`, /no "t=" timestamp/],
    [`t=1,t=1,v1=${A}`, /more than one "t="/],
    [`t=1.5,v1=${A}`, /not whole unix seconds/],
    [`t=-1,v1=${A}`, /not whole unix seconds/],
    [`t=,v1=${A}`, /not whole unix seconds/],
    [`t=1e9,v1=${A}`, /not whole unix seconds/],
    [`t=0x10,v1=${A}`, /not whole unix seconds/],
    [`t=${'9'.repeat(20)},v1=${A}`, /not whole unix seconds/],
    ['t=1', /no "v1=" signature/],
    [`t=1,v0=${A},v2=${A}`, /no "v1=" signature/],
    ['t=1,v1=abcd', /none of its "v1=" signatures is 64 hexadecimal/],
    [`t=1,v1=${'z'.repeat(64)}`, /none of its "v1=" signatures/],
  ])('rejects %j as malformed', (header, problem) => {
    const error = malformed(header);
    expect(error.message).toMatch(problem);
    expect(error.message).toContain('t=<unix seconds>,v1=<64 hex characters>');
  });

  it('quotes at most a short prefix of a bad timestamp', () => {
    expect(malformed(`t=${'x'.repeat(10_000)},v1=${A}`).message.length).toBeLessThan(300);
  });
});

describe('hex decoding of v1 values', () => {
  const sig = 'ab'.repeat(32);
  it('accepts either case and rejects control characters and near-hex punctuation', () => {
    expect(parseSignatureHeader(`t=1,v1=${sig.toUpperCase()}`).signatures).toHaveLength(1);
    for (const bad of ['\u0010', '\u0019', ':', '@', '`', 'g', 'G', ' ']) {
      const value = bad + sig.slice(1);
      expect(() => parseSignatureHeader(`t=1,v1=${value}`)).toThrow(/64 hexadecimal/);
    }
  });
});

describe('decoded signatures share blocks without overlapping', () => {
  it('keeps every signature intact across many parses (past one 4 KiB block)', () => {
    // 300 distinct signatures: more than fit one block, so at least two blocks are handed out.
    const hexes = Array.from({ length: 300 }, (_, i) =>
      (i.toString(16).padStart(4, '0') + 'c0ffee').repeat(7).slice(0, 64),
    );
    const decoded = hexes.map((hex) => parseSignatureHeader(`t=1,v1=${hex}`).signatures[0]!);
    decoded.forEach((bytes, i) => {
      expect(bytes.byteLength).toBe(32);
      expect(bytes).toEqual(bytesOf(hexes[i]!));
    });
  });

  it('hands native code a view into a shared ArrayBuffer, not a heap-allocated array of its own', () => {
    // node:crypto's timingSafeEqual must copy a small heap array off the heap before reading it.
    const { signatures } = parseSignatureHeader(`t=1,v1=${A}`);
    expect(signatures[0]!.buffer.byteLength).toBeGreaterThan(32);
  });
});

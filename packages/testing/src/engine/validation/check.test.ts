import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api-failure.js';
import { MAX_JSON_BYTES, sized } from './check.js';

/** UTF-8 bytes of the compact JSON of the value `text` parses to. */
const compactBytes = (text: string) => Buffer.byteLength(JSON.stringify(JSON.parse(text)));

describe('sized', () => {
  it('relies on a bound that holds: compact JSON is at most 6 UTF-8 bytes per character of text', () => {
    const numbers: string[] = [];
    for (let d = 1; d <= 9; d++) {
      for (let k = 0; k <= 25; k++) {
        numbers.push(`${d}e${k}`, `-${d}E+${k}`, `${d}e-${k}`, `0.${d}e${k}`, `${d}.0e${k}`);
      }
    }
    const texts = [
      `"${'\ud800'.repeat(50)}"`, // lone surrogates, sent raw: each becomes \ud800
      `"${'\\u0001'.repeat(50)}"`,
      `"${'\\ud83d\\ude00'.repeat(50)}"`,
      `"${'é€😀'.repeat(50)}"`,
      `{"${'\udfff'.repeat(20)}":[${numbers.join(',')}]}`,
      ...numbers,
      '[[],{},null,true,false,0,-0,1.50]',
    ];
    for (const text of texts) {
      expect({ text, ok: compactBytes(text) <= 6 * text.length }).toEqual({ text, ok: true });
    }
  });

  it('skips measuring only when the text bounds the value, and measures otherwise', () => {
    const over = { s: '\ud800'.repeat(43_690) }; // 262,148 bytes compact
    expect(Buffer.byteLength(JSON.stringify(over))).toBeGreaterThan(MAX_JSON_BYTES);
    expect(() => sized(over, 'payload')).toThrow(ApiFailure);
    expect(() => sized(over, 'payload', 43_691)).toThrow(ApiFailure);
    const small = { email: 'alice@example.com' };
    expect(sized(small, 'payload', 43_690)).toBe(small);
  });
});

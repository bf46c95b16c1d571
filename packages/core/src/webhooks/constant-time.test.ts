import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time.js';

describe('constantTimeEqual', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);

  it('is true for equal content, including empty arrays and distinct views', () => {
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(bytes(), bytes())).toBe(true);
    const backing = bytes(9, 1, 2, 3, 9);
    expect(constantTimeEqual(backing.subarray(1, 4), bytes(1, 2, 3))).toBe(true);
  });

  it('is false when any byte differs, first, last or by a single bit', () => {
    expect(constantTimeEqual(bytes(0, 2, 3), bytes(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(bytes(0x80), bytes(0x00))).toBe(false);
    expect(constantTimeEqual(bytes(0xff), bytes(0xfe))).toBe(false);
  });

  it('is false for different lengths, even when one is a prefix of the other', () => {
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2))).toBe(false);
    expect(constantTimeEqual(bytes(), bytes(0))).toBe(false);
  });

  it('reads every byte however early the arrays differ (no early exit)', () => {
    let reads = 0;
    const counting = (values: Uint8Array) =>
      new Proxy(values, {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    expect(constantTimeEqual(counting(a), counting(b))).toBe(false);
    expect(reads).toBe(64);
  });
});

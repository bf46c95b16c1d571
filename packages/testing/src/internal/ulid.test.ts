import { describe, expect, it } from 'vitest';
import { UlidGenerator, ulidTime } from './ulid.js';

describe('UlidGenerator', () => {
  it('encodes the time in 26 Crockford characters and stays strictly increasing', () => {
    const gen = new UlidGenerator();
    const t = Date.UTC(2026, 0, 1);
    const ids = [gen.next(t), gen.next(t), gen.next(t - 5), gen.next(t + 1)];
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
    expect(ulidTime(ids[0]!)).toBe(t);
    expect(ulidTime(ids[2]!)).toBe(t); // a clock going back does not break the order
    expect(ulidTime(ids[3]!)).toBe(t + 1);
  });
});

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

  it('puts a prefix in front of the same sequence, as one string', () => {
    const gen = new UlidGenerator();
    const t = Date.UTC(2026, 0, 1);
    const ids = [gen.next(t, 'job_'), gen.next(t), gen.next(t, 'evt_'), gen.next(t + 1, 'job_')];
    expect(ids[0]).toMatch(/^job_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ids[2]).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    const bare = ids.map((id) => id.replace(/^[a-z]+_/, ''));
    expect([...bare].sort()).toEqual(bare);
    expect(new Set(bare).size).toBe(4);
    expect(ulidTime(bare[0]!)).toBe(t);
    expect(ulidTime(bare[3]!)).toBe(t + 1);
  });
});

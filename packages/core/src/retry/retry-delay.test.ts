import { describe, expect, it } from 'vitest';
import { retryDelay, serverDelayMs } from './retry-delay.js';

const base = { baseDelayMs: 500, maxDelayMs: 30_000, now: () => 1_700_000_000_000 };
const headers = (h: Record<string, string>) => new Headers(h);

describe('retryDelay', () => {
  it('doubles from the base and caps at maxDelayMs (no jitter at random → 1)', () => {
    const top = (attempt: number) => retryDelay({ ...base, attempt, random: () => 0.999999999 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => Math.round(top(a)))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });

  it('jitters uniformly within [50 %, 100 %] of the exponential wait', () => {
    expect(retryDelay({ ...base, attempt: 3, random: () => 0 })).toBe(1000);
    expect(retryDelay({ ...base, attempt: 3, random: () => 0.5 })).toBe(1500);
    for (let i = 0; i < 200; i++) {
      const d = retryDelay({ ...base, attempt: 2, random: Math.random });
      expect(d).toBeGreaterThanOrEqual(500);
      expect(d).toBeLessThanOrEqual(1000);
    }
  });

  it('uses Retry-After seconds instead of the schedule, capped', () => {
    const r = () => 0;
    expect(
      retryDelay({ ...base, attempt: 1, random: r, headers: headers({ 'retry-after': '7' }) }),
    ).toBe(7000);
    expect(
      retryDelay({ ...base, attempt: 1, random: r, headers: headers({ 'retry-after': '3600' }) }),
    ).toBe(30_000);
  });

  it('uses a Retry-After HTTP date relative to the injected clock', () => {
    const date = new Date(base.now() + 12_000).toUTCString();
    expect(
      retryDelay({
        ...base,
        attempt: 1,
        random: () => 0,
        headers: headers({ 'retry-after': date }),
      }),
    ).toBe(12_000);
    const past = new Date(base.now() - 5_000).toUTCString();
    expect(
      retryDelay({
        ...base,
        attempt: 1,
        random: () => 0,
        headers: headers({ 'retry-after': past }),
      }),
    ).toBe(0);
  });

  it('prefers retry-after-ms over Retry-After', () => {
    const h = headers({ 'retry-after-ms': '250', 'retry-after': '9' });
    expect(retryDelay({ ...base, attempt: 4, random: () => 0, headers: h })).toBe(250);
  });

  it('ignores unreadable server values and falls back to the schedule', () => {
    expect(serverDelayMs(headers({ 'retry-after': 'soon' }), base.now)).toBeUndefined();
    expect(serverDelayMs(headers({ 'retry-after-ms': '-4' }), base.now)).toBeUndefined();
    expect(
      retryDelay({
        ...base,
        attempt: 2,
        random: () => 0,
        headers: headers({ 'retry-after': 'x' }),
      }),
    ).toBe(500);
  });
});

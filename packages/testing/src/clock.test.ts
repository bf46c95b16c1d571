import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';

describe('FakeClock', () => {
  it('is frozen at a given start and moves only by advance, calling back each time', () => {
    let ticks = 0;
    const clock = new FakeClock({ start: '2026-01-01T00:00:00Z' }, () => ticks++);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    clock.advance(1500);
    clock.advanceTo('2026-01-01T00:01:00Z');
    clock.advanceTo('2025-01-01T00:00:00Z'); // never backwards
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1, 0, 1));
    expect(ticks).toBe(3);
    clock.reset();
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('follows the system clock plus advances by default', () => {
    const clock = new FakeClock();
    const t = clock.now();
    expect(Math.abs(t - Date.now())).toBeLessThan(1000);
    clock.advance(60_000);
    expect(clock.now() - Date.now()).toBeGreaterThan(59_000);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCron } from './cron.js';
import { nextTick } from './cron-next.js';

const next = (expr: string, tz: string, after: string) => {
  const cron = parseCron(expr);
  if (typeof cron === 'string') throw new Error(cron);
  const at = nextTick(cron, tz, Date.parse(after));
  return at === undefined ? undefined : new Date(at).toISOString();
};

describe('cron', () => {
  it('parses values, ranges, lists, steps and names', () => {
    expect(parseCron('*/15 9-17/4 1,15 JAN-mar sun,7')).toMatchObject({
      minutes: [0, 15, 30, 45],
      hours: [9, 13, 17],
      days: new Set([1, 15]),
      months: new Set([1, 2, 3]),
      weekdays: new Set([0]),
      dayOr: true,
    });
    for (const bad of [
      '* * * *',
      '60 * * * *',
      '* 24 * * *',
      '5-1 * * * *',
      '*/0 * * * *',
      '1/5 * * * *',
      '@daily',
    ]) {
      expect(typeof parseCron(bad)).toBe('string');
    }
  });

  it('finds the next tick strictly after a time, across months, leap days and weekdays', () => {
    expect(next('*/15 * * * *', 'UTC', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:15:00.000Z');
    expect(next('0 0 29 2 *', 'UTC', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 9 * * MON', 'UTC', '2026-01-01T00:00:00Z')).toBe('2026-01-05T09:00:00.000Z');
    expect(next('0 0 30 2 *', 'UTC', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it('evaluates in the time zone: DST gaps skipped, repeated times once', () => {
    expect(next('0 9 * * *', 'America/New_York', '2026-07-01T00:00:00Z')).toBe(
      '2026-07-01T13:00:00.000Z',
    );
    // Paris falls back on 2026-10-25: 02:30 happens twice, fires at the first.
    expect(next('30 2 * * *', 'Europe/Paris', '2026-10-24T12:00:00Z')).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(next('30 2 * * *', 'Europe/Paris', '2026-10-25T00:30:00Z')).toBe(
      '2026-10-26T01:30:00.000Z',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseCron } from './cron.js';
import { nextTick } from './cron-next.js';

const next = (expr: string, tz: string, after: string) => {
  const cron = parseCron(expr);
  if (typeof cron === 'string') throw new Error(cron);
  const at = nextTick(cron, tz, Date.parse(after));
  return at === undefined ? undefined : new Date(at).toISOString();
};

/** Every tick in (from, to], as UTC `HH:MM`. */
const ticks = (expr: string, tz: string, from: string, to: string) => {
  const out: string[] = [];
  for (let at = next(expr, tz, from); at && at <= to; at = next(expr, tz, at)) {
    out.push(at.slice(11, 16));
  }
  return out;
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

  it('reads a wildcard or stepped hour field as elapsed time, anything else as fixed', () => {
    const elapsed = (expr: string) => (parseCron(expr) as { elapsedHours: boolean }).elapsedHours;
    expect(['* * * * *', '0 * * * *', '*/15 */2 * * *', '0 8-18/2 * * *'].map(elapsed)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['30 2 * * *', '0 1-3 * * *', '0 1,2 * * *', '0 */2,5 * * *'].map(elapsed)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

// The DST rules of spec `Cron`, on both transitions of three real zones (2027).
describe('cron across DST', () => {
  it('Europe/Berlin, spring forward (28 March, 02:00 CET → 03:00 CEST)', () => {
    // 02:30 does not exist: it fires once, at the first instant after the gap (03:00 CEST).
    expect(next('30 2 * * *', 'Europe/Berlin', '2027-03-27T12:00:00Z')).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    expect(next('30 2 * * *', 'Europe/Berlin', '2027-03-28T01:00:00Z')).toBe(
      '2027-03-29T00:30:00.000Z',
    );
    // Every skipped local time of the gap collapses into that one instant, with 03:00 itself.
    expect(
      ticks('0,30 2,3 * * *', 'Europe/Berlin', '2027-03-27T12:00Z', '2027-03-28T12:00Z'),
    ).toEqual(['01:00', '01:30']);
    // Wildcard hours follow elapsed time: nothing fires for the missing hour.
    expect(
      ticks('*/30 * * * *', 'Europe/Berlin', '2027-03-28T00:00Z', '2027-03-28T02:00Z'),
    ).toEqual(['00:30', '01:00', '01:30', '02:00']);
  });

  it('Europe/Berlin, fall back (31 October, 03:00 CEST → 02:00 CET)', () => {
    // 02:30 happens twice: a fixed time fires at the first (CEST) only.
    expect(ticks('30 2 * * *', 'Europe/Berlin', '2027-10-30T12:00Z', '2027-11-01T12:00Z')).toEqual([
      '00:30',
      '01:30',
    ]);
    expect(next('30 2 * * *', 'Europe/Berlin', '2027-10-30T12:00:00Z')).toBe(
      '2027-10-31T00:30:00.000Z',
    );
    // Hourly and every 15 minutes fire in both passes of 02:xx: one tick per elapsed interval.
    expect(ticks('0 * * * *', 'Europe/Berlin', '2027-10-30T22:30Z', '2027-10-31T02:30Z')).toEqual([
      '23:00',
      '00:00',
      '01:00',
      '02:00',
    ]);
    expect(
      ticks('*/15 * * * *', 'Europe/Berlin', '2027-10-30T23:50Z', '2027-10-31T01:50Z'),
    ).toEqual(['00:00', '00:15', '00:30', '00:45', '01:00', '01:15', '01:30', '01:45']);
  });

  it('America/New_York, both transitions (14 March, 7 November)', () => {
    expect(next('30 2 * * *', 'America/New_York', '2027-03-13T12:00:00Z')).toBe(
      '2027-03-14T07:00:00.000Z', // 03:00 EDT
    );
    expect(next('30 2 * * *', 'America/New_York', '2027-03-14T07:00:00Z')).toBe(
      '2027-03-15T06:30:00.000Z',
    );
    expect(
      ticks('30 1 * * *', 'America/New_York', '2027-11-06T12:00Z', '2027-11-08T12:00Z'),
    ).toEqual(
      ['05:30', '06:30'], // 01:30 EDT on the 7th, 01:30 EST on the 8th
    );
    expect(
      ticks('*/30 * * * *', 'America/New_York', '2027-11-07T04:45Z', '2027-11-07T07:00Z'),
    ).toEqual(['05:00', '05:30', '06:00', '06:30', '07:00']);
  });

  it('Australia/Lord_Howe, its 30-minute shift both ways (3 October, 4 April)', () => {
    // Spring: 02:00 LHST → 02:30 LHDT. 02:15 fires once at 02:30 LHDT.
    expect(next('15 2 * * *', 'Australia/Lord_Howe', '2027-10-02T00:00:00Z')).toBe(
      '2027-10-02T15:30:00.000Z',
    );
    expect(next('15 2 * * *', 'Australia/Lord_Howe', '2027-10-02T15:30:00Z')).toBe(
      '2027-10-03T15:15:00.000Z',
    );
    expect(
      ticks('*/15 * * * *', 'Australia/Lord_Howe', '2027-10-02T15:00Z', '2027-10-02T16:00Z'),
    ).toEqual(['15:15', '15:30', '15:45', '16:00']);
    // Fall: 02:00 LHDT → 01:30 LHST. 01:45 happens twice; fixed fires at the first only.
    expect(
      ticks('45 1 * * *', 'Australia/Lord_Howe', '2027-04-03T00:00Z', '2027-04-05T00:00Z'),
    ).toEqual(['14:45', '15:15']);
    expect(next('45 1 * * *', 'Australia/Lord_Howe', '2027-04-03T14:45:00Z')).toBe(
      '2027-04-04T15:15:00.000Z',
    );
    expect(
      ticks('*/15 * * * *', 'Australia/Lord_Howe', '2027-04-03T14:20Z', '2027-04-03T15:30Z'),
    ).toEqual(['14:30', '14:45', '15:00', '15:15', '15:30']);
  });
});

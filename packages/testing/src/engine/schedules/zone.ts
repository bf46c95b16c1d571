// Time-zone arithmetic on `Intl` alone (no tz database of our own): local wall times as
// UTC-based ms ("wall"), and the zone's offset at an instant.

const MINUTE = 60_000;
const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** A local calendar date and time, to the minute. */
export interface LocalTime {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

/** The local date and time at `ms` in `tz`. */
export function local(ms: number, tz: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of zoneFormat(tz).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    y: parts.year!,
    mo: parts.month!,
    d: parts.day!,
    h: parts.hour! % 24,
    mi: parts.minute!,
  };
}

/** The zone's offset from UTC at `ms`, in ms (local wall time − UTC). */
export function offset(ms: number, tz: string): number {
  const l = local(ms, tz);
  const floored = Math.floor(ms / MINUTE) * MINUTE;
  return Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi) - floored;
}

/**
 * Every instant (ascending) whose local time in `tz` is the wall time `wall`: none in a
 * spring-forward gap, two in a repeated fall-back hour, else one.
 */
export function instantsOf(wall: number, tz: string): number[] {
  const found = new Set<number>();
  for (const probe of [wall - DAY, wall + DAY]) {
    const at = wall - offset(probe, tz);
    if (wall - at === offset(at, tz)) found.add(at);
  }
  return [...found].sort((a, b) => a - b);
}

/** The cached formatter for `timeZone`; throws a `RangeError` for a zone the runtime lacks. */
export function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

import type { Cron } from './cron.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead to look for a tick before calling the expression one that never fires. */
const HORIZON_DAYS = 366 * 8;
const formats = new Map<string, Intl.DateTimeFormat>();

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    format(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first tick strictly after `afterMs`, in ms, or `undefined` when the expression never fires.
 * Local times a DST change skips do not fire; repeated ones fire once (at their first instant).
 */
export function nextTick(cron: Cron, timeZone: string, afterMs: number): number | undefined {
  const start = local(afterMs, timeZone);
  for (let d = 0; d < HORIZON_DAYS; d++) {
    const day = new Date(Date.UTC(start.y, start.mo - 1, start.d) + d * DAY);
    const y = day.getUTCFullYear();
    const mo = day.getUTCMonth() + 1;
    const dd = day.getUTCDate();
    if (!cron.months.has(mo) || !dayMatches(cron, dd, day.getUTCDay())) continue;
    for (const h of cron.hours) {
      for (const mi of cron.minutes) {
        if (d === 0 && (h < start.h || (h === start.h && mi <= start.mi))) continue;
        const at = instant(y, mo, dd, h, mi, timeZone);
        if (at !== undefined && at > afterMs) return at;
      }
    }
  }
  return undefined;
}

function dayMatches(cron: Cron, day: number, weekday: number): boolean {
  const dom = cron.days.has(day);
  const dow = cron.weekdays.has(weekday);
  return cron.dayOr ? dom || dow : dom && dow;
}

/** The earliest instant showing this wall time in the zone; `undefined` if a DST gap skips it. */
function instant(y: number, mo: number, d: number, h: number, mi: number, tz: string) {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let best: number | undefined;
  for (const probe of [wall - DAY, wall + DAY]) {
    const at = wall - offset(probe, tz);
    const l = local(at, tz);
    const same = l.y === y && l.mo === mo && l.d === d && l.h === h && l.mi === mi;
    if (same && (best === undefined || at < best)) best = at;
  }
  return best;
}

/** The zone's offset from UTC at `ms`, in ms. */
function offset(ms: number, tz: string): number {
  const l = local(ms, tz);
  const floored = Math.floor(ms / MINUTE) * MINUTE;
  return Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi) - floored;
}

function local(ms: number, tz: string) {
  const parts: Record<string, number> = {};
  for (const p of format(tz).formatToParts(ms)) {
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

function format(timeZone: string): Intl.DateTimeFormat {
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

import type { Cron } from './cron.js';
import { instantsOf, local, offset, zoneFormat } from './zone.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** How far ahead to look for a tick before calling the expression one that never fires. */
const HORIZON_DAYS = 366 * 8;

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    zoneFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first tick strictly after `afterMs`, in ms, or `undefined` when the expression never fires.
 * DST (spec `Cron`): a fixed local time a spring-forward gap skips fires once at the first instant
 * after the gap; one a fall-back repeats fires once, at its first occurrence; a schedule whose
 * hour field is `*` or a step follows elapsed time and fires in both passes of a repeated hour.
 */
export function nextTick(cron: Cron, timeZone: string, afterMs: number): number | undefined {
  // Start a day early: a local date's ticks can fall before `afterMs`'s own local date begins.
  const start = local(afterMs - DAY, timeZone);
  for (let d = 0; d < HORIZON_DAYS; d++) {
    const day = new Date(Date.UTC(start.y, start.mo - 1, start.d) + d * DAY);
    if (!cron.months.has(day.getUTCMonth() + 1)) continue;
    if (!dayMatches(cron, day.getUTCDate(), day.getUTCDay())) continue;
    const at = firstOfDay(cron, +day, timeZone, afterMs);
    if (at !== undefined) return at;
  }
  return undefined;
}

/** The earliest tick of the local day at `midnight` (a UTC-based wall time) after `afterMs`. */
function firstOfDay(cron: Cron, midnight: number, tz: string, afterMs: number) {
  // Widened by the largest offsets in use (±14 h) so no tick of this local day is missed.
  if (midnight + DAY + 14 * HOUR <= afterMs) return undefined;
  const before = offset(midnight - 15 * HOUR, tz);
  const after = offset(midnight + DAY + 15 * HOUR, tz);
  const steady = before === after;
  // On a transition day a wall time's instants lie in [wall - high, wall - low].
  const [low, high] = [Math.min(before, after), Math.max(before, after)];
  let best: number | undefined;
  for (const h of cron.hours) {
    for (const mi of cron.minutes) {
      const wall = midnight + h * HOUR + mi * 60_000;
      if (steady) {
        // No offset change near this day: wall times map one to one and in order.
        if (wall - before > afterMs) return wall - before;
        continue;
      }
      if (wall - low <= afterMs) continue;
      if (best !== undefined && wall - high > best) return best;
      for (const at of ticksAt(cron, wall, tz)) {
        if (at > afterMs && (best === undefined || at < best)) best = at;
      }
    }
  }
  return best;
}

/** The instants a wall time fires at on a day whose offset changes (see `nextTick`). */
function ticksAt(cron: Cron, wall: number, tz: string): number[] {
  const found = instantsOf(wall, tz);
  if (found.length === 0) return cron.elapsedHours ? [] : [gapEnd(wall, tz)];
  return cron.elapsedHours ? found : found.slice(0, 1);
}

/** The first instant after the spring-forward gap that swallowed `wall`. */
function gapEnd(wall: number, tz: string): number {
  // Every instant in (lo, hi] shows a local time on one side of the gap; bisect by the minute.
  const offsets = [offset(wall - DAY, tz), offset(wall + DAY, tz)];
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  const after = offset(hi, tz);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offset(mid, tz) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

function dayMatches(cron: Cron, day: number, weekday: number): boolean {
  const dom = cron.days.has(day);
  const dow = cron.weekdays.has(weekday);
  return cron.dayOr ? dom || dow : dom && dow;
}

/** A parsed five-field cron expression: the allowed values of each field. */
export interface Cron {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Vixie cron: when both day fields are restricted, a day matches if either does. */
  dayOr: boolean;
  /**
   * The hour field is `*` or a step (`*\/2`, `8-18/2`): the schedule follows elapsed time
   * through DST changes (both passes of a repeated hour fire). Otherwise its local times are
   * fixed: a skipped one fires at the end of the gap, a repeated one once.
   */
  elapsedHours: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * Parses `minute hour day-of-month month day-of-week`: `*`, values, ranges `a-b`, lists `a,b`,
 * steps `*\/n` and `a-b/n`, month and weekday names, 0 and 7 = Sunday. Returns an error message
 * for anything else.
 */
export function parseCron(expression: string): Cron | string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return 'must have five fields: minute hour day-of-month month day-of-week';
  const [mi, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const minutes = field(mi, 0, 59, [], 'minute');
  const hours = field(h, 0, 23, [], 'hour');
  const days = field(dom, 1, 31, [], 'day of month');
  const months = field(mon, 1, 12, MONTHS, 'month', 1);
  const weekdays = field(dow, 0, 7, DAYS, 'day of week');
  for (const f of [minutes, hours, days, months, weekdays]) if (typeof f === 'string') return f;
  const week = new Set((weekdays as number[]).map((d) => d % 7));
  return {
    minutes: minutes as number[],
    hours: hours as number[],
    days: new Set(days as number[]),
    months: new Set(months as number[]),
    weekdays: week,
    dayOr: !dom.startsWith('*') && !dow.startsWith('*'),
    elapsedHours: h.split(',').every((part) => part === '*' || part.includes('/')),
  };
}

function field(
  text: string,
  min: number,
  max: number,
  names: string[],
  label: string,
  nameBase = 0,
): number[] | string {
  const out = new Set<number>();
  const value = (s: string): number | undefined => {
    const i = names.indexOf(s.toUpperCase());
    if (i >= 0) return i + nameBase;
    if (!/^\d{1,2}$/.test(s)) return undefined;
    const n = Number(s);
    return n >= min && n <= max ? n : undefined;
  };
  for (const part of text.split(',')) {
    const m = /^([^/-]+)(?:-([^/]+))?(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return `${label} "${part}" is not a value, range, list or step`;
    const [, from, to, stepText] = m;
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo: number | undefined;
    let hi: number | undefined;
    if (from === '*' && to === undefined) [lo, hi] = [min, max];
    else {
      lo = value(from!);
      hi = to === undefined ? (stepText === undefined ? lo : undefined) : value(to);
    }
    if (lo === undefined || hi === undefined || lo > hi || step < 1) {
      return `${label} "${part}" is out of range (${min}–${max}) or malformed`;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

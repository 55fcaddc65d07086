// Civil dates (a programming day's name, "2025-03-09") and the weekdays plans and zones filter on.
// Calendar arithmetic only: no time zone is involved until a date meets a channel in time-zone-timeline.ts.
import { DateTime } from 'luxon';
import { RetroVueError } from '../../core/errors.js';

/** A calendar date as `YYYY-MM-DD`; ISO strings sort in date order. */
export type IsoDate = string;

/** ISO weekday: Monday = 1 … Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const weekdayNames: Readonly<Record<Weekday, string>> = { 1: 'MON', 2: 'TUE', 3: 'WED', 4: 'THU', 5: 'FRI', 6: 'SAT', 7: 'SUN' };

const dayMs = 86_400_000;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

function utcDate(date: IsoDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

/**
 * Refuses anything but a real calendar date between 1970 and 9999 (zone data before 1970 has odd offsets).
 * @example parseIsoDate('2025-02-29', '--from') // throws: --from must be a real date as YYYY-MM-DD; got "2025-02-29"
 */
export function parseIsoDate(text: string, what = 'date'): IsoDate {
  const parsed = isoDatePattern.test(text) ? utcDate(text) : undefined;
  if (!parsed?.isValid || parsed.year < 1970) {
    throw new RetroVueError('invalid_input', `${what} must be a real date as YYYY-MM-DD (1970 or later); got "${text}"`);
  }
  return text;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return civilDateOf(civilMidnightMs(date) + days * dayMs);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((civilMidnightMs(to) - civilMidnightMs(from)) / dayMs);
}

export function weekdayOf(date: IsoDate): Weekday {
  return utcDate(date).weekday as Weekday;
}

/**
 * The date's midnight on the civil (wall-clock) axis: milliseconds counted as if the wall clock were UTC.
 * Wall-clock instants of any zone are expressed on this axis before a timeline maps them to real instants.
 */
export function civilMidnightMs(date: IsoDate): number {
  let ms = midnights.get(date);
  if (ms === undefined) {
    ms = utcDate(date).toMillis();
    remember(midnights, date, ms);
  }
  return ms;
}

/** The date a civil-axis millisecond falls on. */
export function civilDateOf(civilMs: number): IsoDate {
  const day = Math.floor(civilMs / dayMs);
  let date = dates.get(day);
  if (date === undefined) {
    date = DateTime.fromMillis(day * dayMs, { zone: 'utc' }).toISODate() as IsoDate;
    remember(dates, day, date);
  }
  return date;
}

// Resolution asks for the same few hundred dates thousands of times, and luxon's parsing dominated it:
// both directions are memoised (bounded, so a long-running process cannot grow them without limit).
const midnights = new Map<IsoDate, number>();
const dates = new Map<number, IsoDate>();
const memoLimit = 20_000;

function remember<K, V>(memo: Map<K, V>, key: K, value: V): void {
  if (memo.size >= memoLimit) memo.clear();
  memo.set(key, value);
}

/** Parses "MON,tue,7" style lists; accepts names or ISO numbers, refuses repeats. */
export function parseWeekdays(text: string, what = 'days'): Weekday[] {
  const byName = new Map(Object.entries(weekdayNames).map(([n, name]) => [name, Number(n) as Weekday]));
  const days = text.split(',').map((part) => {
    const token = part.trim().toUpperCase();
    const day = byName.get(token.slice(0, 3)) ?? (/^[1-7]$/.test(token) ? (Number(token) as Weekday) : undefined);
    if (day === undefined || (token.length > 3 && !/^[A-Z]+$/.test(token))) {
      throw new RetroVueError('invalid_input', `${what} must list weekdays such as MON,TUE or 1..7 (Monday = 1); got "${part.trim()}"`);
    }
    return day;
  });
  if (new Set(days).size !== days.length) throw new RetroVueError('invalid_input', `${what} lists a weekday twice: "${text}"`);
  return days.sort((a, b) => a - b);
}

export function formatWeekdays(days: readonly Weekday[] | null): string {
  return days === null ? 'every day' : days.map((d) => weekdayNames[d]).join(',');
}

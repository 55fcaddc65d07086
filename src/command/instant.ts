// How an operator types an instant, decided once for every option that takes one (`--at`, `--from`): "now",
// an ISO 8601 date and time with an offset or Z, or one without an offset read on the channel's wall clock.
import { DateTime } from 'luxon';
import { RetroVueError } from '../core/errors.js';
import { instantOfWallTime, wallTimeInstants } from '../core/wall-time.js';

/** What an instant is read against: the clock's now, and the time zone of a wall time typed without an offset. */
export interface InstantContext {
  readonly nowMs: number;
  readonly timezone: string;
}

/** The whole text: Luxon alone also takes a trailing "[Zone]" and then drops the typed offset for the zone's. */
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}([.,]\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
/** The years an instant may name (in UTC): a window of up to a year from it still prints as an ISO 8601 date-time. */
const years = { first: 1, last: 9998 };
/** Real UTC offsets lie within ±14:00; Luxon alone accepts "+25:00" and silently shifts the instant a day. */
const maxOffsetMinutes = 14 * 60;

/**
 * Epoch milliseconds of what `option` was given (undefined is now). A wall time the zone skips (spring forward)
 * is shifted forward, a repeated one (fall back) is its first occurrence: src/core/wall-time.ts's rule.
 * @example parseInstant('2026-11-24T20:00', '--at', { nowMs, timezone: 'America/New_York' }) // 2026-11-25T01:00:00Z
 */
export function parseInstant(text: string | undefined, option: string, context: InstantContext): number {
  if (text === undefined || text.trim().toLowerCase() === 'now') return context.nowMs;
  const typed = text.trim();
  const ms = instantOf(typed, context.timezone);
  if (ms === undefined || !inYears(DateTime.fromMillis(ms, { zone: 'utc' }).year)) {
    throw new RetroVueError(
      'invalid_input',
      `${option} must be "now" or an ISO 8601 instant in the years 0001-9998 such as 2026-11-24T20:00:00Z, 2026-11-24T15:00:00-05:00, or 2026-11-24T20:00 on the channel's clock (${context.timezone}); got "${text}"`,
    );
  }
  return ms;
}

/** The instant of a well-formed text, or undefined: with an offset as typed, without one on `timezone`'s clock. */
function instantOf(typed: string, timezone: string): number | undefined {
  if (!isoInstant.test(typed)) return undefined;
  if (hasOffset.test(typed)) {
    const parsed = DateTime.fromISO(typed, { setZone: true });
    return parsed.isValid && Math.abs(parsed.offset) <= maxOffsetMinutes ? parsed.toMillis() : undefined;
  }
  // The wall time read as if it were UTC is its place on the civil axis; the zone's rule names the instant.
  const wall = DateTime.fromISO(typed, { zone: 'utc' });
  return wall.isValid ? instantOfWallTime(wallTimeInstants(timezone, wall.toMillis())) : undefined;
}

function inYears(year: number): boolean {
  return year >= years.first && year <= years.last;
}

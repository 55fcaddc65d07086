// SchedulePlan and Zone: a channel's templates. A plan applies to some weekdays and/or a date range with a
// priority (the highest-priority plan applying to a date wins); its zones are named windows of the
// programming day holding ordered SchedulableAssets.
import { RetroVueError } from '../../core/errors.js';
import { type IsoDate, type Weekday, weekdayOf } from '../time/civil-date.js';
import { dayMinutes, formatClock, parseClock } from '../time/grid.js';
import type { SchedulableAssetRef } from '../library/schedulable-asset.js';

export interface Zone {
  readonly id: string;
  readonly name: string;
  /**
   * The window as positions in the programming day: minutes of wall clock after programming_day_start,
   * 0 ≤ start < end ≤ 1440. A fall-back day gives a window holding the repeated hour one hour more.
   */
  readonly startMinute: number;
  readonly endMinute: number;
  /** Weekdays (of the programming day's date) the zone is active on; null: every day. */
  readonly daysOfWeek: readonly Weekday[] | null;
  /** Played in rotation until the window is full. */
  readonly items: readonly SchedulableAssetRef[];
}

export interface SchedulePlan {
  readonly id: string;
  readonly channelId: string;
  readonly name: string;
  readonly daysOfWeek: readonly Weekday[] | null;
  /** Inclusive range of programming days; either end may be open. */
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
  readonly priority: number;
  readonly zones: readonly Zone[];
}

export interface ZoneWindow {
  readonly startMinute: number;
  readonly endMinute: number;
}

/**
 * Reads a zone's `HH:MM`–`HH:MM` as wall-clock times of the programming day: a time at or after
 * programming_day_start belongs to the day's date, an earlier one to the small hours after midnight.
 * @example zoneWindowFromClock('22:00', '02:00', '06:00') // { startMinute: 960, endMinute: 1200 }
 * @example zoneWindowFromClock('05:00', '07:00', '06:00') // throws: crosses the programming day start 06:00
 */
export function zoneWindowFromClock(start: string, end: string, programmingDayStart: string): ZoneWindow {
  const dayStart = parseClock(programmingDayStart, 'programming_day_start');
  const position = (clock: number) => (((clock - dayStart) % dayMinutes) + dayMinutes) % dayMinutes;
  const startMinute = position(parseClock(start, 'zone start'));
  const endMinute = position(parseClock(end, 'zone end', true)) || dayMinutes;
  if (startMinute >= endMinute) {
    throw new RetroVueError(
      'invalid_input',
      `zone ${start}–${end} crosses the programming day start ${programmingDayStart}; split it into two zones or move the channel's programming day start`,
    );
  }
  return { startMinute, endMinute };
}

/** The zone window as wall-clock `HH:MM–HH:MM`. */
export function formatZoneWindow(window: ZoneWindow, programmingDayStart: string): string {
  const dayStart = parseClock(programmingDayStart, 'programming_day_start');
  return `${formatClock(dayStart + window.startMinute)}–${formatClock(dayStart + window.endMinute)}`;
}

export function planAppliesTo(plan: SchedulePlan, date: IsoDate): boolean {
  return (
    (plan.daysOfWeek === null || plan.daysOfWeek.includes(weekdayOf(date))) &&
    (plan.startDate === null || plan.startDate <= date) &&
    (plan.endDate === null || date <= plan.endDate)
  );
}

/** The highest-priority plan that applies to the date, or null. Two applicable plans tied at the top are an error. */
export function planForDate(plans: readonly SchedulePlan[], date: IsoDate): SchedulePlan | null {
  const applicable = plans.filter((p) => planAppliesTo(p, date)).sort((a, b) => b.priority - a.priority);
  const [best, runnerUp] = applicable;
  if (best && runnerUp && runnerUp.priority === best.priority) {
    throw new RetroVueError(
      'invalid_input',
      `schedule plans "${best.name}" and "${runnerUp.name}" both apply to ${date} with priority ${best.priority}; give one a higher priority`,
    );
  }
  return best ?? null;
}

export function zoneActiveOn(zone: Zone, date: IsoDate): boolean {
  return zone.daysOfWeek === null || zone.daysOfWeek.includes(weekdayOf(date));
}

/** The plan's zones active on the date, in window order. */
export function zonesForDate(plan: SchedulePlan, date: IsoDate): Zone[] {
  return plan.zones.filter((z) => zoneActiveOn(z, date)).sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute);
}

/** The zone an operator named, or a not_found error pointing at `zone list`. */
export function requireZone(plan: SchedulePlan, name: string): Zone {
  const zone = plan.zones.find((z) => z.name === name);
  if (!zone) throw new RetroVueError('not_found', `zone "${name}" of plan "${plan.name}" (channel "${plan.channelId}") does not exist; see retrovue zone list --channel ${plan.channelId} --plan ${plan.name}`);
  return zone;
}

// The --json shapes of schedule plans and zones (contracts/definitions.yaml: SchedulePlan, Zone) and their
// text forms. Pure: the items are named through the library's naming.
import type { SchedulePlan as SchedulePlanJson, Zone as ZoneJson } from '../../../generated/contract-types.js';
import { weekdayNames, type Weekday } from '../time/civil-date.js';
import { formatClock, parseClock } from '../time/grid.js';
import { type NamingContext, schedulableItemJson } from '../library/library-json.js';
import type { SchedulePlan, Zone } from './schedule-plan.js';

type WeekdayName = NonNullable<ZoneJson['days_of_week']>[number];

function weekdaysJson(days: readonly Weekday[] | null): WeekdayName[] | null {
  return days === null ? null : days.map((d) => weekdayNames[d] as WeekdayName);
}

/** A zone's position in the programming day as wall-clock `HH:MM`; an end at midnight reads 24:00, a start 00:00. */
function zoneClock(programmingDayStart: string, position: number, edge: 'start' | 'end'): string {
  const minute = parseClock(programmingDayStart, 'programming_day_start') + position;
  return edge === 'end' && minute % 1440 === 0 ? '24:00' : formatClock(minute);
}

export function zoneJson(zone: Zone, plan: SchedulePlan, programmingDayStart: string, naming: NamingContext): ZoneJson {
  return {
    id: zone.id,
    channel: plan.channelId,
    plan: plan.name,
    name: zone.name,
    start: zoneClock(programmingDayStart, zone.startMinute, 'start'),
    end: zoneClock(programmingDayStart, zone.endMinute, 'end'),
    days_of_week: weekdaysJson(zone.daysOfWeek),
    items: zone.items.map((ref) => schedulableItemJson(ref, naming)),
  };
}

export function schedulePlanJson(plan: SchedulePlan, programmingDayStart: string, naming: NamingContext): SchedulePlanJson {
  return {
    id: plan.id,
    channel: plan.channelId,
    name: plan.name,
    days_of_week: weekdaysJson(plan.daysOfWeek),
    start_date: plan.startDate,
    end_date: plan.endDate,
    priority: plan.priority,
    zones: plan.zones.map((z) => zoneJson(z, plan, programmingDayStart, naming)),
  };
}

export function describeZone(zone: ZoneJson): string {
  const items = zone.items.map((i) => `${i.kind} "${i.name}"`).join(', ') || '(empty: all avails)';
  const days = zone.days_of_week === null ? '' : `  ${zone.days_of_week.join(',')}`;
  return `  ${zone.start}–${zone.end}  ${zone.name}${days}: ${items}`;
}

export function describePlan(plan: SchedulePlanJson): string {
  const range = plan.start_date === null && plan.end_date === null ? '' : `, ${plan.start_date ?? '…'} to ${plan.end_date ?? '…'}`;
  const days = plan.days_of_week === null ? 'every day' : plan.days_of_week.join(',');
  return [`plan "${plan.name}" of channel ${plan.channel}: ${days}${range}, priority ${plan.priority}`, ...plan.zones.map(describeZone)].join('\n');
}

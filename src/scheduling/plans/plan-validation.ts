// Bad plans are refused before anything is resolved, each time with one line naming the offending object:
// zones outside the programming day, off the grid or overlapping, and references that do not exist.
import { RetroVueError } from '../../core/errors.js';
import type { CatalogSnapshot } from '../../catalog/catalog-snapshot.js';
import { formatWeekdays } from '../time/civil-date.js';
import { ChannelGrid, dayMinutes, formatClock, type ScheduleChannel } from '../time/grid.js';
import { assertProgramSound, assertRefKnown } from '../library/reference-validation.js';
import type { Program, SchedulingLibrary } from '../library/schedulable-asset.js';
import { formatZoneWindow, type SchedulePlan, type Zone } from './schedule-plan.js';

const invalid = (message: string) => new RetroVueError('invalid_input', message);

/** Throws on the first problem of the plan (its zones and everything they reach). */
export function validatePlan(plan: SchedulePlan, channel: ScheduleChannel, library: SchedulingLibrary, catalog: CatalogSnapshot): void {
  const grid = new ChannelGrid(channel);
  const names = new Set<string>();
  for (const zone of plan.zones) {
    if (names.has(zone.name)) throw invalid(`plan "${plan.name}" has two zones named "${zone.name}"; zone names must be unique within a plan`);
    names.add(zone.name);
    assertZoneWindow(zone, plan, grid);
  }
  assertNoOverlap(plan, channel);
  const referenced = new Set<string>();
  for (const zone of plan.zones) {
    for (const ref of zone.items) {
      assertRefKnown(ref, `zone "${zone.name}" of plan "${plan.name}"`, library, catalog);
      if (ref.kind === 'program') referenced.add(ref.programId);
    }
  }
  for (const id of referenced) assertProgramSound(library.programs.get(id) as Program, library, catalog);
}

function assertZoneWindow(zone: Zone, plan: SchedulePlan, grid: ChannelGrid): void {
  const { startMinute, endMinute } = zone;
  const owner = `zone "${zone.name}" of plan "${plan.name}"`;
  if (!Number.isInteger(startMinute) || !Number.isInteger(endMinute) || startMinute < 0 || endMinute > dayMinutes || startMinute >= endMinute) {
    throw invalid(`${owner} lies outside the programming day: it must start and end within one day from ${grid.channel.programmingDayStart}, start before end`);
  }
  for (const [edge, position] of [['starts', startMinute], ['ends', endMinute]] as const) {
    if (position === 0 || position === dayMinutes || grid.isBoundaryPosition(position)) continue;
    const { before, after } = nearestBoundaries(grid, position);
    const block = grid.channel.gridBlockMinutes;
    throw invalid(
      `${owner} ${edge} at ${formatClock(grid.dayStartMinute + position)}, off the channel grid (${block}-minute blocks at +${grid.channel.blockStartOffsetsMinutes.join(',+')} from ${grid.channel.programmingDayStart}); use ${formatClock(grid.dayStartMinute + before)} or ${formatClock(grid.dayStartMinute + after)}`,
    );
  }
}

function nearestBoundaries(grid: ChannelGrid, position: number): { before: number; after: number } {
  let before = position;
  while (before > 0 && !grid.isBoundaryPosition(before)) before--;
  let after = position;
  while (after < dayMinutes && !grid.isBoundaryPosition(after)) after++;
  return { before, after };
}

function assertNoOverlap(plan: SchedulePlan, channel: ScheduleChannel): void {
  const zones = plan.zones;
  for (let i = 0; i < zones.length; i++) {
    for (let j = i + 1; j < zones.length; j++) {
      const a = zones[i] as Zone;
      const b = zones[j] as Zone;
      const sharedDays = a.daysOfWeek === null || b.daysOfWeek === null || a.daysOfWeek.some((d) => b.daysOfWeek?.includes(d));
      if (!sharedDays || a.startMinute >= b.endMinute || b.startMinute >= a.endMinute) continue;
      const days = a.daysOfWeek === null ? b.daysOfWeek : b.daysOfWeek === null ? a.daysOfWeek : a.daysOfWeek.filter((d) => b.daysOfWeek?.includes(d));
      throw invalid(
        `zones "${a.name}" (${formatZoneWindow(a, channel.programmingDayStart)}) and "${b.name}" (${formatZoneWindow(b, channel.programmingDayStart)}) of plan "${plan.name}" overlap on ${formatWeekdays(days ?? null)}; zones of one plan must not overlap`,
      );
    }
  }
}


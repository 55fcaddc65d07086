// Bad input is refused before anything is resolved, each time with one line naming the offending object:
// zones outside the programming day, off the grid or overlapping; references to assets, collections or
// definitions that do not exist; a program that contains itself, directly or through a chain.
import { RetroVueError } from '../core/errors.js';
import type { CatalogSnapshot } from './catalog-snapshot.js';
import { maxSchedulableMs } from './catalog-snapshot.js';
import { formatWeekdays } from './civil-date.js';
import { ChannelGrid, dayMinutes, formatClock, type ScheduleChannel } from './grid.js';
import type { ChainLink, Program, SchedulableAssetRef, SchedulingLibrary } from './schedulable-asset.js';
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

function assertRefKnown(ref: SchedulableAssetRef | ChainLink, owner: string, library: SchedulingLibrary, catalog: CatalogSnapshot): void {
  const missing = (what: string) => invalid(`${owner} references ${what}, which does not exist`);
  switch (ref.kind) {
    case 'asset':
      if (!catalog.assets.has(ref.assetId)) throw missing(`asset ${ref.assetId}`);
      return;
    case 'collection':
      if (!catalog.collections.has(ref.collectionId)) throw missing(`collection ${ref.collectionId}`);
      return;
    case 'series':
      if (ref.collectionId !== null && !catalog.collections.has(ref.collectionId)) throw missing(`collection ${ref.collectionId}`);
      return;
    case 'program':
      if (!library.programs.has(ref.programId)) throw missing(`program ${ref.programId}`);
      return;
    case 'virtual': {
      const virtual = library.virtualAssets.get(ref.virtualAssetId);
      if (!virtual) throw missing(`virtual asset ${ref.virtualAssetId}`);
      const rule = virtual.rule;
      if (rule.collectionId !== null && !catalog.collections.has(rule.collectionId)) {
        throw invalid(`virtual asset "${virtual.name}" references collection ${rule.collectionId}, which does not exist`);
      }
      if (rule.minDurationMs !== null && rule.maxDurationMs !== null && rule.minDurationMs > rule.maxDurationMs) {
        throw invalid(`virtual asset "${virtual.name}" asks for a minimum duration above its maximum`);
      }
      return;
    }
    case 'synthetic': {
      const synthetic = library.syntheticAssets.get(ref.syntheticAssetId);
      if (!synthetic) throw missing(`synthetic asset ${ref.syntheticAssetId}`);
      if (!Number.isInteger(synthetic.durationMs) || synthetic.durationMs <= 0 || synthetic.durationMs > maxSchedulableMs) {
        throw invalid(`synthetic asset "${synthetic.name}" must last a whole number of milliseconds between 1 and ${maxSchedulableMs}`);
      }
      return;
    }
  }
}

/** Every link of the program and of the programs it reaches is known, and no program reaches itself. */
export function assertProgramSound(root: Program, library: SchedulingLibrary, catalog: CatalogSnapshot): void {
  const done = new Set<string>();
  const visit = (program: Program, trail: readonly Program[]): void => {
    const cycleStart = trail.findIndex((p) => p.id === program.id);
    if (cycleStart >= 0) {
      const loop = [...trail.slice(cycleStart), program].map((p) => `"${p.name}"`);
      throw invalid(
        loop.length === 2
          ? `program "${program.name}" references itself; a program cannot contain itself`
          : `program "${program.name}" references itself through ${loop.slice(1, -1).join(' → ')}; a program cannot contain itself`,
      );
    }
    if (done.has(program.id)) return;
    for (const link of program.assetChain) {
      assertRefKnown(link, `program "${program.name}"`, library, catalog);
      if (link.kind === 'program') visit(library.programs.get(link.programId) as Program, [...trail, program]);
    }
    done.add(program.id);
  };
  visit(root, []);
}

// Property tests: for random channels (grids, offsets, day starts, DST zones), plans and catalogs, every
// scheduling invariant holds on every resolved day, checked against luxon's wall clock rather than the
// resolver's own grid, and equal inputs give equal outputs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addDays, civilMidnightMs } from '../../src/scheduling/time/civil-date.js';
import { isEligible } from '../../src/catalog/catalog-snapshot.js';
import { ChannelGrid, type ScheduleChannel } from '../../src/scheduling/time/grid.js';
import type { SchedulableAssetRef } from '../../src/scheduling/library/schedulable-asset.js';
import { resolveScheduleDay } from '../../src/scheduling/schedule-day/schedule-day-resolver.js';
import { planForDate, zonesForDate } from '../../src/scheduling/plans/schedule-plan.js';
import { type ScheduleDay, type ScheduledSlot, slotsOf } from '../../src/scheduling/schedule-day/schedule-day.js';
import { arbitraryScenario, type Scenario } from './scheduling-scenarios.js';

const minute = 60_000;

function resolveRun(s: Scenario): ScheduleDay[] {
  const days: ScheduleDay[] = [];
  for (let i = 0; i < s.days; i++) {
    const carryIn = days[i - 1]?.carryOut ?? null;
    days.push(resolveScheduleDay({ channel: s.channel, date: addDays(s.startDate, i), plans: s.plans, library: s.library, catalog: s.catalog, seed: s.seed, carryIn }));
  }
  return days;
}

const dayStartMinute = (ch: ScheduleChannel) => {
  const [h, m] = ch.programmingDayStart.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Invariant 1 read off luxon's wall clock: programming_day_start + k·block + offset. */
function onGrid(ch: ScheduleChannel, instantMs: number): boolean {
  if (instantMs % minute !== 0) return false;
  const local = DateTime.fromMillis(instantMs, { zone: ch.timezone });
  const since = local.hour * 60 + local.minute - dayStartMinute(ch);
  return ch.blockStartOffsetsMinutes.some((o) => (((since - o) % ch.gridBlockMinutes) + ch.gridBlockMinutes) % ch.gridBlockMinutes === 0);
}

function firstOnGridAtOrAfter(ch: ScheduleChannel, instantMs: number): number {
  for (let t = Math.ceil(instantMs / minute) * minute; ; t += minute) if (onGrid(ch, t)) return t;
}

/** Minutes of wall clock from the programming day's start to the instant (luxon's reading). */
function wallPosition(ch: ScheduleChannel, date: string, instantMs: number): number {
  const local = DateTime.fromMillis(instantMs, { zone: ch.timezone });
  const civil = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
  return (civil - civilMidnightMs(date)) / minute - dayStartMinute(ch);
}

/** A zone's declared end read off luxon's wall clock: a time the clock skips is read as the time after the gap. */
function wallEndMinute(ch: ScheduleChannel, date: string, endMinute: number): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const total = dayStartMinute(ch) + endMinute;
  const civil = DateTime.fromObject({ year, month, day }, { zone: ch.timezone }).plus({ days: Math.floor(total / 1440) });
  const end = DateTime.fromObject({ year: civil.year, month: civil.month, day: civil.day, hour: Math.floor((total % 1440) / 60), minute: total % 60 }, { zone: ch.timezone });
  return Math.max(endMinute, wallPosition(ch, date, end.toMillis()));
}

/** The longest eligible item a zone item can ever yield (for the "window is full" check). */
function longestReachable(s: Scenario, ref: SchedulableAssetRef, seen = new Set<string>()): number {
  const assetMs = (ids: readonly { durationMs: number | null }[]) => Math.max(0, ...ids.map((a) => a.durationMs ?? 0));
  switch (ref.kind) {
    case 'asset': {
      const a = s.catalog.assets.get(ref.assetId);
      return a && isEligible(a) ? (a.durationMs as number) : 0;
    }
    case 'synthetic':
      return s.library.syntheticAssets.get(ref.syntheticAssetId)?.durationMs ?? 0;
    case 'virtual': {
      const rule = s.library.virtualAssets.get(ref.virtualAssetId)?.rule;
      const pool = rule?.collectionId ? s.catalog.eligibleInCollection(rule.collectionId) : s.catalog.eligible();
      return assetMs(pool.filter((a) => rule?.maxDurationMs == null || (a.durationMs ?? 0) <= rule.maxDurationMs));
    }
    case 'program': {
      if (seen.has(ref.programId)) return 0;
      seen.add(ref.programId);
      const program = s.library.programs.get(ref.programId);
      return Math.max(
        0,
        ...(program?.assetChain ?? []).map((link) => {
          switch (link.kind) {
            case 'series':
              return assetMs(s.catalog.eligibleInSeries(link.series));
            case 'collection':
              return assetMs(s.catalog.eligibleInCollection(link.collectionId));
            default:
              return longestReachable(s, link as SchedulableAssetRef, seen);
          }
        }),
      );
    }
  }
}

function contentDuration(s: Scenario, slot: ScheduledSlot): number {
  return slot.content.kind === 'asset'
    ? (s.catalog.assets.get(slot.content.assetId)?.durationMs as number)
    : (s.library.syntheticAssets.get(slot.content.syntheticAssetId)?.durationMs as number);
}

function checkDay(s: Scenario, day: ScheduleDay, previous: ScheduleDay | undefined): void {
  const ch = s.channel;
  const grid = new ChannelGrid(ch);
  // Tiling: entries cover [coverStart, coverEnd) with no gap and no overlap; underfill is avails.
  let cursor = day.coverStartMs;
  for (const entry of day.entries) {
    assert.equal(entry.startMs, cursor, 'entries are contiguous');
    const end = entry.kind === 'slot' ? entry.blockEndMs : entry.endMs;
    assert.ok(end > entry.startMs, 'entries are not empty');
    cursor = end;
  }
  assert.equal(cursor, day.coverEndMs);
  // Invariant 6: the day begins exactly where the previous one ended.
  if (previous) assert.equal(day.coverStartMs, previous.coverEndMs, 'carry-in');
  assert.equal(day.carryOut.airingUntilMs, day.coverEndMs);

  const plan = planForDate(s.plans, day.programmingDay);
  const zones = plan ? zonesForDate(plan, day.programmingDay) : [];
  let free = day.coverStartMs;
  const slots = slotsOf(day);
  for (const zone of zones) {
    const { startMs: zoneStart, endMs: zoneEnd } = grid.zoneWindow(day.programmingDay, zone.startMinute, zone.endMinute);
    const own = slots.filter((x) => x.zoneName === zone.name);
    const longest = Math.max(0, ...zone.items.map((ref) => longestReachable(s, ref)));
    // Invariant 3: soft start after what still airs, on the next boundary.
    const softStart = firstOnGridAtOrAfter(ch, Math.max(zoneStart, free));
    if (own.length === 0) {
      assert.ok(longest === 0 || softStart >= zoneEnd, `zone "${zone.name}" had room and content but scheduled nothing`);
      continue;
    }
    assert.equal(own[0]?.startMs, softStart, `zone "${zone.name}" soft-starts on the first boundary after ${new Date(Math.max(zoneStart, free)).toISOString()}`);
    own.forEach((slot, i) => {
      // Invariant 1, read off the wall clock; and the slot lies inside its zone's declared window.
      assert.ok(onGrid(ch, slot.startMs), `slot at ${new Date(slot.startMs).toISOString()} is on the grid`);
      const position = wallPosition(ch, day.programmingDay, slot.startMs);
      // (A fall-back night can read up to an hour before a zone's start: the clock repeats that hour. A
      // zone whose end falls in a spring-forward gap ends where luxon puts that missing time: after the gap.)
      assert.ok(position >= zone.startMinute - 60 && position < wallEndMinute(ch, day.programmingDay, zone.endMinute), 'slot lies in its zone on the wall clock');
      // Invariant 4: never starts at or after the zone's end; only the first item may run past it.
      assert.ok(slot.startMs < zoneEnd, 'never starts at or after the declared end');
      if (i > 0) assert.ok(slot.endMs <= zoneEnd, 'no auto-extend: only a zone\'s first item may run past its end');
      // Invariant 5: content is never cut.
      assert.equal(slot.endMs - slot.startMs, contentDuration(s, slot), 'longform is never cut');
      // Each next item starts on the first boundary after the previous one ends (its blocks, no more).
      if (i > 0) assert.equal(slot.startMs, firstOnGridAtOrAfter(ch, (own[i - 1] as ScheduledSlot).endMs));
      assert.ok(slot.startMs >= day.dayStartMs && slot.startMs < day.dayEndMs, 'starts within its programming day');
    });
    // Invariant 2: the window is full — the longest item the zone could yield would not have fitted after the last one.
    const last = own[own.length - 1] as ScheduledSlot;
    const nextStart = firstOnGridAtOrAfter(ch, last.endMs);
    assert.ok(nextStart >= zoneEnd || nextStart + longest > zoneEnd, `zone "${zone.name}" stopped with room left for its content`);
    free = last.blockEndMs;
  }
  assert.equal(slots.length, slots.filter((x) => zones.some((z) => z.name === x.zoneName)).length, 'every slot belongs to an active zone');
}

describe('resolveScheduleDay properties', () => {
  test('invariants 1–6 hold on every day of every generated channel, plan and catalog', () => {
    fc.assert(
      fc.property(arbitraryScenario, (s) => {
        const days = resolveRun(s);
        days.forEach((day, i) => checkDay(s, day, days[i - 1]));
      }),
      { numRuns: 150 },
    );
  });

  test('invariant 8: equal inputs give equal outputs, also when a day is resolved from a persisted (JSON) carry-out', () => {
    fc.assert(
      fc.property(arbitraryScenario, (s) => {
        const first = resolveRun(s);
        assert.deepEqual(resolveRun(s), first);
        const last = first.length - 1;
        if (last < 1) return;
        const carryIn = JSON.parse(JSON.stringify((first[last - 1] as ScheduleDay).carryOut));
        const again = resolveScheduleDay({ channel: s.channel, date: addDays(s.startDate, last), plans: s.plans, library: s.library, catalog: s.catalog, seed: s.seed, carryIn });
        assert.deepEqual(again, first[last]);
      }),
      { numRuns: 100 },
    );
  });

  test('sequential progress carries across days: a sequential program airs its episodes in catalog order, wrapping, never resetting', () => {
    fc.assert(
      fc.property(arbitraryScenario, (s) => {
        const slots = resolveRun(s).flatMap(slotsOf);
        for (const program of s.library.programs.values()) {
          if (program.playMode !== 'sequential' || program.kind !== 'series') continue;
          const link = program.assetChain[0];
          if (link?.kind !== 'series') continue;
          const order = s.catalog.eligibleInSeries(link.series).map((a) => a.id);
          const aired = slots.filter((x) => x.programId === program.id && x.content.kind === 'asset').map((x) => (x.content.kind === 'asset' ? x.content.assetId : ''));
          aired.forEach((id, i) => assert.equal(id, order[i % order.length], `${program.id} airs episode ${i + 1} of its walk in order`));
        }
      }),
      { numRuns: 100 },
    );
  });
});

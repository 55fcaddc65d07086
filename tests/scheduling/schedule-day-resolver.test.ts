// The classic scheduling cases, resolved and checked slot by slot.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { resolveScheduleDay, type ResolveInput } from '../../src/scheduling/schedule-day/schedule-day-resolver.js';
import { schedulingLibrary } from '../../src/scheduling/library/schedulable-asset.js';
import { slotsOf, type ScheduleDay } from '../../src/scheduling/schedule-day/schedule-day.js';
import { asset, catalog, channel, episodes, minuteMs, plan, program, programRef, seriesLink, slotTitles, startsUtc, zone } from './scheduling-fixtures.js';

const sitcoms = episodes('Sitcom', 12, 22);
const sitcom = program('sitcom', [seriesLink('Sitcom')]);

function input(overrides: Partial<ResolveInput>): ResolveInput {
  return {
    channel: channel(),
    date: '2025-03-03',
    plans: [],
    library: schedulingLibrary({ programs: [sitcom] }),
    catalog: catalog(sitcoms),
    seed: 'retro1',
    carryIn: null,
    ...overrides,
  };
}

/** A New York channel (day start 06:00, 30-minute grid) airing 30-minute episodes of "half" in the given zones. */
function newYorkHalfHours(date: string, zones: Parameters<typeof plan>[0]): ScheduleDay {
  const half = program('half', [seriesLink('Half')]);
  return resolveScheduleDay(
    input({ channel: channel({ timezone: 'America/New_York' }), date, catalog: catalog(episodes('Half', 60, 30)), library: schedulingLibrary({ programs: [half] }), plans: [plan(zones)] }),
  );
}

function avails(day: ScheduleDay): Array<[string, string]> {
  return day.entries.filter((e) => e.kind === 'avail').map((e) => [new Date(e.startMs).toISOString().slice(11, 16), new Date(e.endMs).toISOString().slice(11, 16)]);
}

describe('resolveScheduleDay: classic cases', () => {
  test('a 22-minute sitcom block on a 30-minute grid airs one episode per block, in order, each block ending in an 8-minute break', () => {
    const day = resolveScheduleDay(input({ plans: [plan([zone('Sitcoms', 0, 120, [programRef('sitcom')])])] }));
    assert.deepEqual(startsUtc(day), ['06:00', '06:30', '07:00', '07:30']);
    assert.deepEqual(slotTitles(day), ['sitcom-e1', 'sitcom-e2', 'sitcom-e3', 'sitcom-e4']);
    for (const slot of slotsOf(day)) {
      assert.equal(slot.endMs - slot.startMs, 22 * minuteMs);
      assert.equal(slot.blockEndMs - slot.startMs, 30 * minuteMs);
      assert.equal(slot.guide.title, 'Sitcom');
    }
    assert.deepEqual(avails(day), [['08:00', '06:00']]); // the rest of the day is unscheduled
    assert.equal(day.coverStartMs, day.dayStartMs);
    assert.equal(day.coverEndMs, day.dayEndMs);
  });

  test('a 131-minute movie in a 2-hour zone takes five blocks and pushes the next zone to the following boundary', () => {
    const movie = asset('movie', 131, { kind: 'movie', title: 'Big Movie', year: 1985 });
    const day = resolveScheduleDay(
      input({
        catalog: catalog([...sitcoms, movie]),
        plans: [plan([zone('Movie', 840, 960, [{ kind: 'asset', assetId: 'movie' }]), zone('Late', 960, 1080, [programRef('sitcom')])])],
      }),
    );
    assert.deepEqual(startsUtc(day), ['20:00', '22:30', '23:00', '23:30']);
    const [film] = slotsOf(day);
    assert.equal(film?.endMs, Date.parse('2025-03-03T22:11:00Z'));
    assert.equal(film?.blockEndMs, Date.parse('2025-03-03T22:30:00Z'));
    assert.equal(film?.guide.title, 'Big Movie');
    assert.equal(film?.guide.year, 1985);
  });

  test('a movie crossing programming_day_start carries into the next day, which starts after it on the grid', () => {
    const movie = asset('late-movie', 150, { kind: 'movie' });
    const plans = [plan([zone('Night', 1320, 1440, [{ kind: 'asset', assetId: 'late-movie' }]), zone('Morning', 0, 120, [programRef('sitcom')])])];
    const base = input({ catalog: catalog([...sitcoms, movie]), plans });
    const monday = resolveScheduleDay(base);
    assert.equal(monday.coverEndMs, Date.parse('2025-03-04T06:30:00Z'));
    assert.equal(monday.carryOut.airingUntilMs, monday.coverEndMs);
    const tuesday = resolveScheduleDay({ ...base, date: '2025-03-04', carryIn: monday.carryOut });
    assert.equal(tuesday.coverStartMs, monday.coverEndMs);
    assert.deepEqual(startsUtc(tuesday).slice(0, 3), ['06:30', '07:00', '07:30']);
    // Sequential progress carried: Monday's morning aired e1–e4, Tuesday continues with e5.
    assert.deepEqual(slotTitles(tuesday).slice(0, 3), ['sitcom-e5', 'sitcom-e6', 'sitcom-e7']);
  });

  test('an empty zone becomes avails', () => {
    const day = resolveScheduleDay(input({ plans: [plan([zone('Nothing', 0, 1440, [])])] }));
    assert.deepEqual(slotsOf(day), []);
    assert.deepEqual(day.entries, [{ kind: 'avail', startMs: day.dayStartMs, endMs: day.dayEndMs, offAir: true }], 'a zone that yields nothing covers nothing: off air');
    assert.deepEqual(day.warnings, ['zone "Nothing" holds nothing on 2025-03-03; its window becomes avails']);
  });

  test('a zone whose only program has no eligible asset becomes avails, with a warning naming the zone', () => {
    const missing = sitcoms.map((a) => ({ ...a, state: 'missing' as const }));
    const day = resolveScheduleDay(input({ catalog: catalog(missing), plans: [plan([zone('Sitcoms', 0, 120, [programRef('sitcom')])])] }));
    assert.deepEqual(slotsOf(day), []);
    assert.equal(day.entries.length, 1);
    assert.deepEqual(day.warnings, ['zone "Sitcoms" has nothing eligible (program "sitcom": no ready asset fits) on 2025-03-03; its window becomes avails']);
  });

  test('an item that would run past its zone\'s end does not start unless it is the zone\'s first: the rest becomes avails', () => {
    const long = episodes('Drama', 4, 70);
    const drama = program('drama', [seriesLink('Drama')]);
    const day = resolveScheduleDay(
      input({ catalog: catalog(long), library: schedulingLibrary({ programs: [drama] }), plans: [plan([zone('Drama', 0, 120, [programRef('drama')])])] }),
    );
    assert.deepEqual(startsUtc(day), ['06:00']);
    // The rest of the zone's window is a break; after it, no zone covers the day: off air.
    assert.deepEqual(avails(day), [['07:30', '08:00'], ['08:00', '06:00']]);
    assert.deepEqual(day.offAir, [{ startMs: Date.parse('2025-03-03T08:00:00Z'), endMs: day.dayEndMs }]);
  });

  test('a spring-forward day lasts 23 hours and a fall-back day 25; every start is on the wall-clock half hour', () => {
    for (const [date, hours, count] of [['2025-03-08', 23, 46], ['2025-11-01', 25, 50], ['2025-06-01', 24, 48]] as const) {
      const day = newYorkHalfHours(date, [zone('All', 0, 1440, [programRef('half')])]);
      assert.equal((day.dayEndMs - day.dayStartMs) / 3_600_000, hours);
      const slots = slotsOf(day);
      assert.equal(slots.length, count);
      for (const slot of slots) assert.equal(DateTime.fromMillis(slot.startMs, { zone: 'America/New_York' }).minute % 30, 0);
      assert.equal(slots[slots.length - 1]?.blockEndMs, day.dayEndMs);
    }
  });

  test('a zone declared across the repeated hour of a fall-back night is an hour longer', () => {
    const day = newYorkHalfHours('2025-11-01', [zone('Night', 1140, 1260, [programRef('half')])]); // 01:00–03:00 wall clock
    assert.equal(slotsOf(day).length, 6); // 01:00, 01:30 EDT, 01:00, 01:30 EST, 02:00, 02:30
  });

  test('a zone edge the spring-forward skips is shifted forward by the gap, like a day start, and a zone the clock skips whole is empty', () => {
    // 01:00–02:30, 02:30–03:00 and 03:00–06:00 on the wall clock; 02:00–03:00 does not exist on 2025-03-09.
    const zones = [zone('Late', 1140, 1230, [programRef('half')]), zone('Skipped', 1230, 1260, [programRef('half')]), zone('Early', 1260, 1440, [programRef('half')])];
    const day = newYorkHalfHours('2025-03-08', zones);
    const starts = (name: string) => slotsOf(day).filter((s) => s.zoneName === name).map((s) => new Date(s.startMs).toISOString().slice(11, 16));
    assert.deepEqual(starts('Late'), ['06:00', '06:30', '07:00']); // 01:00 and 01:30 EST, then 03:00 EDT: Late runs to 02:30 EST read on, 03:30 EDT
    assert.deepEqual(starts('Skipped'), []);
    assert.equal(starts('Early')[0], '07:30');
    assert.deepEqual(day.warnings, []);
  });

  test('a date the clock skips whole (Pacific/Apia, 2011-12-30) is an empty programming day: what airs carries straight on to the next', () => {
    const apia = channel({ timezone: 'Pacific/Apia' });
    const plans = [plan([zone('All', 0, 1440, [programRef('sitcom')])])];
    const days: ScheduleDay[] = [];
    for (const date of ['2011-12-29', '2011-12-30', '2011-12-31']) days.push(resolveScheduleDay(input({ channel: apia, date, plans, carryIn: days[days.length - 1]?.carryOut ?? null })));
    const [before, skipped, after] = days as [ScheduleDay, ScheduleDay, ScheduleDay];
    assert.equal(new Date(before.dayEndMs).toISOString(), '2011-12-30T16:00:00.000Z'); // 06:00 on the 30th read on: 06:00 on the 31st (+14)
    assert.equal((before.dayEndMs - before.dayStartMs) / 3_600_000, 24);
    assert.deepEqual([skipped.dayStartMs, skipped.dayEndMs, skipped.entries.length], [before.dayEndMs, before.dayEndMs, 0]);
    assert.deepEqual(skipped.carryOut, before.carryOut);
    assert.equal(after.coverStartMs, before.coverEndMs);
    assert.equal(slotTitles(after)[0], `sitcom-e${(slotsOf(before).length % 12) + 1}`);
  });

  test('the highest-priority plan applying to a date wins; weekday filters apply to plans and zones', () => {
    const weekday = plan([zone('Sitcoms', 0, 60, [programRef('sitcom')])], { id: 'weekday', name: 'weekday', daysOfWeek: [1, 2, 3, 4, 5] });
    const special = plan([zone('Special', 60, 90, [programRef('sitcom')])], { id: 'special', name: 'special', startDate: '2025-03-04', endDate: '2025-03-04', priority: 5 });
    const weekendOnly = plan([zone('Sat', 0, 30, [programRef('sitcom')], [6])], { id: 'weekend', name: 'weekend', daysOfWeek: [6, 7] });
    const plans = [weekday, special, weekendOnly];
    assert.equal(resolveScheduleDay(input({ plans, date: '2025-03-03' })).planId, 'weekday');
    assert.equal(resolveScheduleDay(input({ plans, date: '2025-03-04' })).planId, 'special');
    assert.equal(slotsOf(resolveScheduleDay(input({ plans, date: '2025-03-08' }))).length, 1); // Saturday zone
    assert.equal(slotsOf(resolveScheduleDay(input({ plans, date: '2025-03-09' }))).length, 0); // Sunday: zone filtered out
  });

  test('a programming day start moved later keeps the schedule contiguous: the time between the days becomes avails', () => {
    const plans = [plan([zone('Sitcoms', 0, 60, [programRef('sitcom')])])];
    const monday = resolveScheduleDay(input({ plans }));
    const later = channel({ programmingDayStart: '07:00' });
    const tuesday = resolveScheduleDay(input({ channel: later, plans, date: '2025-03-04', carryIn: monday.carryOut }));
    assert.equal(tuesday.coverStartMs, monday.coverEndMs);
    assert.deepEqual(tuesday.entries[0], { kind: 'avail', startMs: Date.parse('2025-03-04T06:00:00Z'), endMs: Date.parse('2025-03-04T07:00:00Z'), offAir: true });
    assert.deepEqual(startsUtc(tuesday), ['07:00', '07:30']);
    assert.deepEqual(slotTitles(tuesday), ['sitcom-e3', 'sitcom-e4']);
  });

  test('an item longer than 12 hours is never scheduled', () => {
    const marathon = asset('marathon', 13 * 60, { kind: 'movie' });
    const day = resolveScheduleDay(input({ catalog: catalog([marathon]), plans: [plan([zone('All', 0, 1440, [{ kind: 'asset', assetId: 'marathon' }])])] }));
    assert.deepEqual(slotsOf(day), []);
    assert.deepEqual(day.warnings, ['zone "All" has nothing eligible (asset "marathon": no ready asset fits) on 2025-03-03; its window becomes avails']);
  });

  test('no applicable plan gives a day of avails and says so', () => {
    const day = resolveScheduleDay(input({ plans: [plan([], { daysOfWeek: [7] })] }));
    assert.equal(day.planId, null);
    assert.deepEqual(day.entries, [{ kind: 'avail', startMs: day.dayStartMs, endMs: day.dayEndMs, offAir: true }]);
    assert.match(day.warnings[0] ?? '', /no schedule plan applies to channel "retro1" on 2025-03-03/);
  });
});

describe('resolveScheduleDay: bad input is refused with one line naming the object', () => {
  const refuse = (overrides: Partial<ResolveInput>, message: RegExp) =>
    assert.throws(
      () => resolveScheduleDay(input(overrides)),
      (error: Error & { code?: string }) => error.code === 'invalid_input' && message.test(error.message) && !error.message.includes('\n'),
    );

  test('overlapping zones', () => {
    refuse({ plans: [plan([zone('A', 0, 120, []), zone('B', 90, 180, [])])] }, /^zones "A" \(06:00–08:00\) and "B" \(07:30–09:00\) of plan "base" overlap on every day/);
  });
  test('zones on different weekdays may share a window', () => {
    assert.doesNotThrow(() => resolveScheduleDay(input({ plans: [plan([zone('A', 0, 120, [], [1]), zone('B', 0, 120, [], [2])])] })));
  });
  test('a zone outside the programming day', () => {
    refuse({ plans: [plan([zone('Late', 1400, 1500, [])])] }, /^zone "Late" of plan "base" lies outside the programming day/);
    refuse({ plans: [plan([zone('Backwards', 120, 60, [])])] }, /^zone "Backwards" of plan "base" lies outside the programming day/);
  });
  test('a zone boundary off the grid, with the nearest boundaries suggested', () => {
    refuse({ plans: [plan([zone('Odd', 10, 60, [])])] }, /^zone "Odd" of plan "base" starts at 06:10, off the channel grid \(30-minute blocks at \+0 from 06:00\); use 06:00 or 06:30$/);
  });
  test('a program referencing itself, directly and through a chain', () => {
    const selfish = program('selfish', [{ kind: 'program', programId: 'selfish' }]);
    refuse({ library: schedulingLibrary({ programs: [selfish] }), plans: [plan([zone('Z', 0, 60, [programRef('selfish')])])] }, /^program "selfish" references itself;/);
    const a = program('A', [{ kind: 'program', programId: 'B' }]);
    const b = program('B', [{ kind: 'program', programId: 'C' }]);
    const c = program('C', [seriesLink('Sitcom'), { kind: 'program', programId: 'A' }]);
    refuse({ library: schedulingLibrary({ programs: [a, b, c] }), plans: [plan([zone('Z', 0, 60, [programRef('A')])])] }, /^program "A" references itself through "B" → "C";/);
  });
  test('an unknown asset, collection or program', () => {
    refuse({ plans: [plan([zone('Z', 0, 60, [{ kind: 'asset', assetId: 'nope' }])])] }, /^zone "Z" of plan "base" references asset nope, which does not exist$/);
    const bad = program('bad', [{ kind: 'collection', collectionId: 'gone' }]);
    refuse({ library: schedulingLibrary({ programs: [bad] }), plans: [plan([zone('Z', 0, 60, [programRef('bad')])])] }, /^program "bad" references collection gone, which does not exist$/);
    refuse({ plans: [plan([zone('Z', 0, 60, [programRef('ghost')])])] }, /^zone "Z" of plan "base" references program ghost, which does not exist$/);
  });
  test('two plans tied at the top priority', () => {
    refuse({ plans: [plan([], { id: 'a', name: 'a' }), plan([], { id: 'b', name: 'b' })] }, /^schedule plans "a" and "b" both apply to 2025-03-03 with priority 0/);
  });
  test('a carry-in from a day that is not the previous one', () => {
    refuse({ carryIn: { airingUntilMs: Date.parse('2025-03-01T06:00:00Z'), progress: { sequences: {}, played: {} } } }, /long before that programming day; build the days in order$/);
  });
  test('a previous day that runs past the whole day (day start or time zone moved earlier)', () => {
    refuse(
      { carryIn: { airingUntilMs: Date.parse('2025-03-04T06:30:00Z'), progress: { sequences: {}, played: {} } } },
      /^the day before 2025-03-03 on channel "retro1" runs until 2025-03-04T06:30:00.000Z, past the end of 2025-03-03 .*rebuild from an earlier day with --force$/,
    );
  });
});

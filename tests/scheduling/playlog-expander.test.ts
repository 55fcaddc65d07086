// Playlog expansion: exact millisecond timestamps, contiguous across days, content never cut, avails filled
// with interstitials that fit and padded by synthetic filler.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { PlaylogEvent } from '../../src/plugins/playlog-event.js';
import { addDays } from '../../src/scheduling/time/civil-date.js';
import { fillAvail } from '../../src/scheduling/playlog/avail-filler.js';
import { emptyInterstitialPool, type InterstitialPool } from '../../src/scheduling/library/interstitial.js';
import { expandScheduleDays } from '../../src/scheduling/playlog/playlog-expander.js';
import { schedulingLibrary } from '../../src/scheduling/library/schedulable-asset.js';
import { resolveScheduleDay } from '../../src/scheduling/schedule-day/schedule-day-resolver.js';
import { type ScheduleDay, slotsOf, tileWithAvails } from '../../src/scheduling/schedule-day/schedule-day.js';
import { asset, catalog, channel, minuteMs, plan, program, programRef, seriesLink, zone } from './scheduling-fixtures.js';
import { arbitraryScenario } from './scheduling-scenarios.js';

const second = 1000;
const pool: InterstitialPool = {
  bumpers: [asset('bump-10', 10 / 60, { kind: 'bumper' }), asset('bump-15', 15 / 60, { kind: 'bumper' })],
  commercials: [asset('ad-15', 15 / 60, { kind: 'commercial' }), asset('ad-30', 0.5, { kind: 'commercial' }), asset('ad-60', 1, { kind: 'commercial' })],
  stationIds: [asset('id-5', 5 / 60, { kind: 'station-id' })],
};

function assertContiguous(events: readonly PlaylogEvent[], fromMs: number, toMs: number): void {
  assert.equal(events[0]?.startMs, fromMs);
  events.forEach((e, i) => {
    assert.ok(Number.isInteger(e.startMs) && Number.isInteger(e.endMs) && e.endMs > e.startMs, `event ${e.id} has a positive whole-ms length`);
    if (i > 0) assert.equal(e.startMs, (events[i - 1] as PlaylogEvent).endMs, `no gap or overlap before ${e.id}`);
    assert.equal(e.id, `${e.channelId}@${e.startMs}`);
  });
  assert.equal(events[events.length - 1]?.endMs, toMs);
}

function sitcomDays(count: number, allowBreaks: boolean): ScheduleDay[] {
  // 22-minute episodes with chapter marks at 7 and 15 minutes.
  const eps = Array.from({ length: 6 }, (_, i) =>
    asset(`ep${i + 1}`, 22, { series: 'Sitcom', season: 1, episode: i + 1, title: `Ep ${i + 1}`, chapters: [{ startMs: 0, endMs: 7 * minuteMs }, { startMs: 7 * minuteMs, endMs: 15 * minuteMs }, { startMs: 15 * minuteMs, endMs: 22 * minuteMs }] }),
  );
  const sitcom = program('sitcom', [seriesLink('Sitcom')], { allowBreaks });
  const days: ScheduleDay[] = [];
  for (let i = 0; i < count; i++) {
    days.push(
      resolveScheduleDay({
        channel: channel(),
        date: addDays('2025-03-03', i),
        plans: [plan([zone('Sitcoms', 0, 120, [programRef('sitcom')])])],
        library: schedulingLibrary({ programs: [sitcom] }),
        catalog: catalog(eps),
        seed: 'retro1',
        carryIn: days[i - 1]?.carryOut ?? null,
      }),
    );
  }
  return days;
}

describe('expandScheduleDays', () => {
  test('a sitcom that allows breaks is split at its chapter marks, the 8 spare minutes shared among three breaks', () => {
    const [day] = sitcomDays(1, true) as [ScheduleDay];
    const events = expandScheduleDays([day], { pool, seed: 'retro1' });
    assertContiguous(events, day.coverStartMs, day.coverEndMs);
    const first = slotsOf(day)[0];
    const inSlot = events.filter((e) => e.slotId === first?.slotId);
    const parts = inSlot.filter((e) => e.role === 'program');
    assert.deepEqual(
      parts.map((e) => [e.source.kind === 'asset' ? e.source.inPointMs : -1, e.endMs - e.startMs]),
      [[0, 7 * minuteMs], [7 * minuteMs, 8 * minuteMs], [15 * minuteMs, 7 * minuteMs]],
    );
    assert.equal(inSlot[inSlot.length - 1]?.endMs, first?.blockEndMs);
    // Each break lasts 160 s: 8 minutes over three breaks.
    const breakLengths: number[] = [];
    let run = 0;
    for (const e of inSlot) {
      if (e.role === 'program') {
        if (run > 0) breakLengths.push(run);
        run = 0;
      } else run += e.endMs - e.startMs;
    }
    breakLengths.push(run);
    assert.deepEqual(breakLengths, [160 * second, 160 * second, 160 * second]);
    assert.ok(inSlot.every((e) => e.title === 'Sitcom'));
    assert.equal(parts[0]?.episodeTitle, 'Ep 1');
  });

  test('chapter marks outside the content, repeated or at its start never split it', () => {
    const odd = asset('odd', 22, { chapters: [{ startMs: 0, endMs: 5 }, { startMs: 0, endMs: 9 }, { startMs: -5, endMs: 0 }, { startMs: 22 * minuteMs, endMs: 23 * minuteMs }, { startMs: 30 * minuteMs, endMs: 31 * minuteMs }, { startMs: 600_000.4, endMs: 700_000 }] });
    const day = resolveScheduleDay({
      channel: channel(),
      date: '2025-03-03',
      plans: [plan([zone('Z', 0, 30, [{ kind: 'program', programId: 'p' }])])],
      library: schedulingLibrary({ programs: [program('p', [{ kind: 'asset', assetId: 'odd' }], { allowBreaks: true })] }),
      catalog: catalog([odd]),
      seed: 's',
      carryIn: null,
    });
    const slot = slotsOf(day)[0];
    assert.deepEqual(slot?.content.kind === 'asset' ? slot.content.breakPointsMs : null, [600_000]);
    const parts = expandScheduleDays([day], { pool, seed: 's' }).filter((e) => e.slotId === slot?.slotId && e.role === 'program');
    assert.deepEqual(parts.map((e) => (e.source.kind === 'asset' ? e.source.inPointMs : -1)), [0, 600_000]);
  });

  test('without breaks the content airs whole and the spare block time follows it', () => {
    const [day] = sitcomDays(1, false) as [ScheduleDay];
    const events = expandScheduleDays([day], { pool, seed: 'retro1' });
    const first = slotsOf(day)[0];
    const parts = events.filter((e) => e.slotId === first?.slotId && e.role === 'program');
    assert.equal(parts.length, 1);
    assert.equal(parts[0]?.endMs, first?.endMs);
  });

  test('consecutive days expand into one contiguous playlog; days out of order are refused', () => {
    const days = sitcomDays(3, true);
    const events = expandScheduleDays(days, { pool, seed: 'retro1' });
    assertContiguous(events, (days[0] as ScheduleDay).coverStartMs, (days[2] as ScheduleDay).coverEndMs);
    assert.throws(() => expandScheduleDays([days[0] as ScheduleDay, days[2] as ScheduleDay], { pool, seed: 'retro1' }), /does not follow 2025-03-03; expand consecutive days/);
  });

  test('an avail opens with a bumper, closes with a station ID, is padded to the exact length by a synthetic slate', () => {
    const events = fillAvail(1_000_000, 8 * minuteMs + 7, { channelId: 'c', seed: 's', pool, filler: 'slate', title: 'Break', slotId: undefined });
    assertContiguous(events, 1_000_000, 1_000_000 + 8 * minuteMs + 7);
    assert.ok(['bump-10', 'bump-15'].includes(events[0]?.source.kind === 'asset' ? events[0].source.assetId : ''));
    const last = events[events.length - 1];
    assert.equal(last?.source.kind === 'asset' ? last.source.assetId : '', 'id-5');
    const fillers = events.filter((e) => e.role === 'filler');
    assert.equal(fillers.length, 1);
    assert.deepEqual(fillers[0]?.source, { kind: 'synthetic', synthetic: 'slate' });
    // Commercials were chosen to fit: the filler is shorter than the shortest commercial.
    assert.ok((fillers[0] as PlaylogEvent).endMs - (fillers[0] as PlaylogEvent).startMs < 15 * second);
    // Never the same commercial twice in a row when another fits.
    const ads = events.filter((e) => e.source.kind === 'asset' && e.source.assetId.startsWith('ad-')).map((e) => (e.source.kind === 'asset' ? e.source.assetId : ''));
    ads.forEach((id, i) => assert.notEqual(id, ads[i - 1]));
  });

  test('with no interstitials an avail is one filler event; an avail shorter than every interstitial too', () => {
    assert.deepEqual(
      fillAvail(0, 5 * minuteMs, { channelId: 'c', seed: 's', pool: emptyInterstitialPool, filler: 'color-bars', title: 'Break', slotId: undefined }).map((e) => [e.role, e.startMs, e.endMs]),
      [['filler', 0, 5 * minuteMs]],
    );
    assert.deepEqual(fillAvail(0, 4 * second, { channelId: 'c', seed: 's', pool, filler: 'slate', title: 'B', slotId: undefined }).map((e) => e.role), ['filler']);
  });

  test('property: for random schedules and pools, the playlog is contiguous, content is never cut and interstitials play whole', () => {
    const arbitraryPool = fc.record({
      bumpers: fc.array(fc.integer({ min: 1_000, max: 20_000 }), { maxLength: 3 }),
      commercials: fc.array(fc.integer({ min: 5_000, max: 120_000 }), { maxLength: 6 }),
      stationIds: fc.array(fc.integer({ min: 1_000, max: 15_000 }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(arbitraryScenario, arbitraryPool, (s, p) => {
        const make = (prefix: string, lengths: number[]) => lengths.map((ms, i) => asset(`${prefix}${i}`, ms / minuteMs, { durationMs: ms }));
        const randomPool = { bumpers: make('b', p.bumpers), commercials: make('c', p.commercials), stationIds: make('i', p.stationIds) };
        const lengths = new Map([...randomPool.bumpers, ...randomPool.commercials, ...randomPool.stationIds].map((a) => [a.id, a.durationMs as number]));
        const days: ScheduleDay[] = [];
        for (let i = 0; i < s.days; i++) {
          days.push(resolveScheduleDay({ channel: s.channel, date: addDays(s.startDate, i), plans: s.plans, library: s.library, catalog: s.catalog, seed: s.seed, carryIn: days[i - 1]?.carryOut ?? null }));
        }
        const events = expandScheduleDays(days, { pool: randomPool, seed: s.seed });
        assertContiguous(events, (days[0] as ScheduleDay).coverStartMs, (days[days.length - 1] as ScheduleDay).coverEndMs);
        assert.deepEqual(expandScheduleDays(days, { pool: randomPool, seed: s.seed }), events, 'deterministic');
        for (const slot of days.flatMap(slotsOf)) {
          const own = events.filter((e) => e.slotId === slot.slotId);
          assert.equal(own[0]?.startMs, slot.startMs);
          assert.equal(own[own.length - 1]?.endMs, slot.blockEndMs);
          // The program parts, in order, are the whole content from 0 to its end.
          let inPoint = 0;
          for (const part of own.filter((e) => e.role === 'program')) {
            if (part.source.kind === 'asset') assert.equal(part.source.inPointMs, inPoint);
            inPoint += part.endMs - part.startMs;
          }
          assert.equal(inPoint, slot.endMs - slot.startMs);
        }
        for (const e of events) {
          if (e.role === 'interstitial' && e.source.kind === 'asset') assert.equal(e.endMs - e.startMs, lengths.get(e.source.assetId));
        }
      }),
      { numRuns: 100 },
    );
  });

  test('a break running into off-air time airs as one avail: off air changes the guide, not the playlog', () => {
    // A 70-minute film from 06:00 leaves 07:30-08:00 of its zone a break; the channel is then off air till 06:00.
    const film = asset('film', 70, { kind: 'movie', title: 'Film' });
    const day = resolveScheduleDay({ channel: channel(), date: '2025-03-03', plans: [plan([zone('Films', 0, 120, [{ kind: 'asset', assetId: 'film' }])])], library: schedulingLibrary({}), catalog: catalog([film]), seed: 'retro1', carryIn: null });
    assert.deepEqual(day.entries.filter((e) => e.kind === 'avail').map((e) => e.kind === 'avail' && e.offAir), [false, true]);
    const unsplit: ScheduleDay = { ...day, entries: tileWithAvails(day.coverStartMs, day.coverEndMs, slotsOf(day)) };
    assert.deepEqual(expandScheduleDays([day], { pool, seed: 'retro1' }), expandScheduleDays([unsplit], { pool, seed: 'retro1' }));
  });
});

// The channel grid against luxon read minute by minute: boundaries, programming-day bounds and DST days.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import { ChannelGrid, type ScheduleChannel } from '../../src/scheduling/time/grid.js';
import { addDays } from '../../src/scheduling/time/civil-date.js';
import { TimeZoneTimeline } from '../../src/scheduling/time/time-zone-timeline.js';
import { arbitraryChannel } from './scheduling-arbitraries.js';

const minute = 60_000;

function wallMinuteOfDay(instantMs: number, timezone: string): number {
  const local = DateTime.fromMillis(instantMs, { zone: timezone });
  return local.hour * 60 + local.minute;
}

/** Invariant 1 read straight off the wall clock: programming_day_start + k·block + offset. */
function onGridByLuxon(channel: ScheduleChannel, instantMs: number): boolean {
  if (instantMs % minute !== 0) return false;
  const [h, m] = channel.programmingDayStart.split(':').map(Number) as [number, number];
  const sinceDayStart = wallMinuteOfDay(instantMs, channel.timezone) - (h * 60 + m);
  return channel.blockStartOffsetsMinutes.some((o) => (((sinceDayStart - o) % channel.gridBlockMinutes) + channel.gridBlockMinutes) % channel.gridBlockMinutes === 0);
}

function channel(overrides: Partial<ScheduleChannel> = {}): ScheduleChannel {
  return { id: 'c', gridBlockMinutes: 30, blockStartOffsetsMinutes: [0], programmingDayStart: '06:00', timezone: 'America/New_York', ...overrides };
}

describe('ChannelGrid', () => {
  test('nextBoundary is the first instant at or after t that the wall clock puts on the grid', () => {
    fc.assert(
      fc.property(arbitraryChannel(), fc.integer({ min: 0, max: 400 * 24 * 60 }), fc.integer({ min: 0, max: 59_999 }), (ch, minutes, ms) => {
        const grid = new ChannelGrid(ch);
        const t = Date.UTC(2024, 0, 1) + minutes * minute + ms;
        const next = grid.nextBoundary(t);
        assert.ok(next >= t);
        assert.ok(onGridByLuxon(ch, next), `${new Date(next).toISOString()} is off the grid`);
        for (let m = Math.ceil(t / minute) * minute; m < next; m += minute) assert.ok(!onGridByLuxon(ch, m), `skipped ${new Date(m).toISOString()}`);
        assert.equal(grid.isBoundary(next), true);
      }),
      { numRuns: 300 },
    );
  });

  test('programming days tile time: each ends where the next begins, at programming_day_start on the wall clock', () => {
    fc.assert(
      fc.property(arbitraryChannel(), fc.integer({ min: 0, max: 800 }), (ch, dayIndex) => {
        const grid = new ChannelGrid(ch);
        const date = addDays('2024-01-01', dayIndex);
        const { startMs, endMs } = grid.bounds(date);
        assert.equal(grid.bounds(addDays(date, 1)).startMs, endMs);
        const hours = (endMs - startMs) / 3_600_000;
        assert.ok(hours >= 22.5 && hours <= 25.5, `a ${hours}-hour day`);
        // The start is the first instant whose wall clock reads programming_day_start on that date; when a
        // spring-forward skips that time, it is that time read with the offset before the jump (Luxon's shift).
        const [h, m] = ch.programmingDayStart.split(':').map(Number) as [number, number];
        const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m);
        const local = DateTime.fromMillis(startMs, { zone: ch.timezone });
        if (local.toISODate() === date && local.hour * 60 + local.minute === h * 60 + m) {
          const before = DateTime.fromMillis(startMs - minute, { zone: ch.timezone });
          assert.ok(before.toISODate() !== date || before.hour * 60 + before.minute < h * 60 + m, 'not its first occurrence');
        } else {
          const offsetBeforeJump = DateTime.fromMillis(startMs - 12 * 3_600_000, { zone: ch.timezone }).offset;
          assert.equal(startMs + offsetBeforeJump * minute, wall, `${ch.timezone} ${date} ${ch.programmingDayStart} starts at ${local.toISO()}`);
        }
        assert.equal(grid.programmingDayOf(startMs), date);
        assert.equal(grid.programmingDayOf(endMs - 1), date);
      }),
      { numRuns: 300 },
    );
  });

  test('a spring-forward day lasts 23 hours and a fall-back day 25, with the grid on the wall clock throughout', () => {
    const grid = new ChannelGrid(channel());
    const spring = grid.bounds('2024-03-09'); // 06:00 EST Saturday → 06:00 EDT Sunday
    assert.equal((spring.endMs - spring.startMs) / 3_600_000, 23);
    const fall = grid.bounds('2024-11-02');
    assert.equal((fall.endMs - fall.startMs) / 3_600_000, 25);
    // 01:30 EST is followed by 03:00 EDT: the boundaries the clock skips do not exist.
    const beforeJump = Date.parse('2024-03-10T06:30:00Z'); // 01:30 EST
    assert.equal(grid.nextBoundary(beforeJump + 1), Date.parse('2024-03-10T07:00:00Z')); // 03:00 EDT
    // 01:30 EDT, then 01:00 EST, 01:30 EST: the repeated hour has its boundaries twice.
    assert.equal(grid.nextBoundary(Date.parse('2024-11-03T05:30:00Z') + 1), Date.parse('2024-11-03T06:00:00Z'));
    assert.equal(grid.nextBoundary(Date.parse('2024-11-03T06:00:00Z') + 1), Date.parse('2024-11-03T06:30:00Z'));
    assert.equal(wallMinuteOfDay(Date.parse('2024-11-03T06:00:00Z'), 'America/New_York'), 60);
  });

  test('a programming day that starts inside the skipped hour starts where Luxon shifts it (forward by the gap); one inside the repeated hour at its first occurrence', () => {
    const grid = new ChannelGrid(channel({ programmingDayStart: '02:30' }));
    assert.equal(grid.bounds('2024-03-10').startMs, Date.parse('2024-03-10T07:30:00Z')); // 02:30 EST read on: 03:30 EDT
    assert.equal(grid.bounds('2024-03-09').endMs, Date.parse('2024-03-10T07:30:00Z'));
    assert.equal(grid.nextBoundary(Date.parse('2024-03-10T06:59:00Z')), Date.parse('2024-03-10T07:00:00Z')); // 03:00 EDT stays on the grid
    const late = new ChannelGrid(channel({ programmingDayStart: '01:30' }));
    assert.equal(late.bounds('2024-11-03').startMs, Date.parse('2024-11-03T05:30:00Z')); // 01:30 EDT, not EST
  });

  test('a wall time means the same instant whatever the season the process runs in (Luxon\'s DateTime.fromObject guesses from today\'s offset)', () => {
    const cases = [
      { zone: 'America/Chicago', wall: '2024-11-03T01:30', instant: '2024-11-03T06:30:00.000Z' }, // repeated: CDT, the first
      { zone: 'America/Cambridge_Bay', wall: '2000-11-04T22:30', instant: '2000-11-05T03:30:00.000Z' }, // fromObject answers 23:30 in winter
      { zone: 'Europe/Berlin', wall: '2024-03-31T02:30', instant: '2024-03-31T01:30:00.000Z' }, // skipped: 03:30 CEST
    ];
    try {
      for (const today of ['2025-01-15T12:00:00Z', '2025-07-15T12:00:00Z']) {
        Settings.now = () => Date.parse(today);
        for (const c of cases) {
          const timeline = new TimeZoneTimeline(c.zone); // a fresh one: nothing remembered from the other season
          assert.equal(new Date(timeline.instantOfWall(Date.parse(`${c.wall}:00Z`))).toISOString(), c.instant, `${c.zone} ${c.wall} on ${today}`);
        }
      }
    } finally {
      Settings.now = () => Date.now();
    }
  });

  test('half-hour DST shifts (Lord Howe) keep an hourly grid on the hour of the wall clock', () => {
    const grid = new ChannelGrid(channel({ timezone: 'Australia/Lord_Howe', gridBlockMinutes: 60, programmingDayStart: '00:00' }));
    let t = Date.parse('2024-10-05T12:00:00Z');
    for (let i = 0; i < 40; i++) {
      t = grid.nextBoundary(t + 1);
      assert.equal(DateTime.fromMillis(t, { zone: 'Australia/Lord_Howe' }).minute, 0);
    }
  });
});

// Every IANA zone the runtime knows, 2000–2040: each grid start and each programming-day boundary the
// scheduler computes is Luxon's answer, checked on the days around every offset change Luxon reports (so
// spring-forward gaps, fall-back overlaps, 30-minute shifts and date-line jumps are all hit) and on random
// days. The oracles are independent of the scheduler: a grid start is read off Luxon's wall clock minute by
// minute; a boundary is the earliest instant Luxon's clock reads the wall time at, or, for a wall time the
// clock skips, that wall time read with the offset before the jump (Luxon's shift forward by the gap).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { addDays, civilDateOf, civilMidnightMs } from '../../src/scheduling/time/civil-date.js';
import { ChannelGrid, type ScheduleChannel } from '../../src/scheduling/time/grid.js';

const minute = 60_000;
const day = 86_400_000;
const fromMs = Date.UTC(1999, 11, 1);
const toMs = Date.UTC(2041, 1, 1);
/** Offsets are sampled this far apart and every change found is bisected to its minute (as Temporal's polyfill does). */
const sampleStep = 14 * day;
/**
 * Every block up to an hour (larger ones are proven in grid.test.ts) keeps the minute-by-minute oracle short;
 * the smallest, which put a boundary on nearly every minute a gap skips, are drawn less often (each costs a
 * lookup per skipped grid time).
 */
const block = fc.oneof(
  { arbitrary: fc.constantFrom(1, 2, 3, 4), weight: 1 },
  { arbitrary: fc.constantFrom(5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30, 32, 36, 40, 45, 48, 60), weight: 4 },
);

interface Change {
  /** The first instant (a whole minute) with the new offset. */
  readonly atMs: number;
  readonly before: number;
  readonly after: number;
}

/**
 * A zone's UTC offsets as the tz database in Intl gives them, each instant asked once. Luxon reads its
 * offsets from the same Intl (IANAZone.offset formats the instant); this formatter is three times cheaper,
 * which is what lets every zone be walked, and Luxon is held to it at every change (changesOf).
 */
class ZoneReadings {
  private readonly format: Intl.DateTimeFormat;
  private readonly memo = new Map<number, number>();
  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
  }
  offset(instantMs: number): number {
    let o = this.memo.get(instantMs);
    if (o === undefined) {
      const [, sign, hours, minutes] = /GMT(?:([+-])(\d\d):(\d\d))?$/.exec(this.format.format(instantMs)) ?? assert.fail(`no offset for ${this.name}`);
      this.memo.set(instantMs, (o = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes))));
    }
    return o;
  }
  /** The wall clock at an instant, as minutes after midnight. */
  minuteOfDay(instantMs: number): number {
    return (((instantMs / minute + this.offset(instantMs)) % 1440) + 1440) % 1440;
  }
}

function changesOf(z: ZoneReadings): Change[] {
  const changes: Change[] = [];
  const between = (lo: number, oLo: number, hi: number, oHi: number): void => {
    if (oLo === oHi) return;
    if (hi - lo <= minute) {
      changes.push({ atMs: hi, before: oLo, after: oHi });
      return;
    }
    const mid = lo + Math.floor((hi - lo) / 2 / minute) * minute;
    const oMid = z.offset(mid);
    between(lo, oLo, mid, oMid);
    between(mid, oMid, hi, oHi);
  };
  for (let t = fromMs; t < toMs; t += sampleStep) between(t, z.offset(t), t + sampleStep, z.offset(t + sampleStep));
  const luxon = IANAZone.create(z.name);
  for (const c of changes) assert.deepEqual([luxon.offset(c.atMs - minute), luxon.offset(c.atMs)], [c.before, c.after], `${z.name}: Luxon and Intl disagree at ${new Date(c.atMs).toISOString()}`);
  return changes;
}

/** Every offset the zone holds within two days of a wall time (a wall time is read with one of them, if at all). */
function offsetsNear(z: ZoneReadings, changes: readonly Change[], wallMs: number): number[] {
  const lo = wallMs - 2 * day;
  const hi = wallMs + 2 * day;
  return [z.offset(lo), ...changes.filter((c) => c.atMs > lo && c.atMs <= hi).map((c) => c.after)];
}

/**
 * The decided rule, from Luxon's readings alone: the first instant whose wall clock reads the wall time; for a
 * wall time a change skips, the wall time read with the offset before the change (Luxon's shift forward).
 */
function luxonBoundary(z: ZoneReadings, changes: readonly Change[], wallMs: number): number {
  const readers = offsetsNear(z, changes, wallMs)
    .map((o) => wallMs - o * minute)
    .filter((x) => x + z.offset(x) * minute === wallMs);
  if (readers.length > 0) return Math.min(...readers);
  const skipping = changes.find((c) => c.atMs + c.before * minute <= wallMs && wallMs < c.atMs + c.after * minute);
  assert.ok(skipping, `${z.name}: no instant reads ${new Date(wallMs).toISOString().slice(0, 16)}, yet no change skips it`);
  return wallMs - skipping.before * minute;
}

function isGridMinute(z: ZoneReadings, ch: ScheduleChannel, dayStartMinute: number, instantMs: number): boolean {
  const since = z.minuteOfDay(instantMs) - dayStartMinute;
  return ch.blockStartOffsetsMinutes.some((o) => (((since - o) % ch.gridBlockMinutes) + ch.gridBlockMinutes) % ch.gridBlockMinutes === 0);
}

/** Luxon's grid start: the first whole minute at or after the instant whose wall clock is on the grid. */
function luxonGridStart(z: ZoneReadings, ch: ScheduleChannel, dayStartMinute: number, instantMs: number): number {
  for (let t = Math.ceil(instantMs / minute) * minute; ; t += minute) if (isGridMinute(z, ch, dayStartMinute, t)) return t;
}

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

interface Case {
  readonly block: number;
  readonly offsetSeeds: readonly number[];
  /** Where the programming day starts, as a wall time on the civil axis (its date names the day). */
  readonly dayStartWallMs: number;
  /** Two instants to find grid starts from. */
  readonly probesMs: readonly number[];
  /** A zone window position, minutes after the day start. */
  readonly position: number;
}

function channelOf(zone: string, c: Case): { channel: ScheduleChannel; date: string; dayStartMinute: number } {
  const dayStartMinute = ((c.dayStartWallMs / minute) % 1440 + 1440) % 1440;
  const channel: ScheduleChannel = {
    id: 'every-zone',
    gridBlockMinutes: c.block,
    blockStartOffsetsMinutes: [...new Set(c.offsetSeeds.map((s) => s % c.block))].sort((a, b) => a - b),
    programmingDayStart: clock(dayStartMinute),
    timezone: zone,
  };
  return { channel, date: civilDateOf(c.dayStartWallMs), dayStartMinute };
}

function check(z: ZoneReadings, changes: readonly Change[], c: Case): void {
  const { channel, date, dayStartMinute } = channelOf(z.name, c);
  const grid = new ChannelGrid(channel);
  const at = (ms: number) => new Date(ms).toISOString();
  const what = `${z.name}, day ${date} starting ${channel.programmingDayStart}, grid ${channel.gridBlockMinutes} min +${channel.blockStartOffsetsMinutes.join('/')}`;
  // Programming-day boundaries: this day's start (the previous day's end) and its end.
  const start = luxonBoundary(z, changes, c.dayStartWallMs);
  const end = luxonBoundary(z, changes, c.dayStartWallMs + day);
  const bounds = grid.bounds(date);
  assert.equal(at(bounds.startMs), at(start), `${what}: day start`);
  assert.equal(at(grid.bounds(addDays(date, -1)).endMs), at(start), `${what}: previous day's end`);
  assert.equal(at(bounds.endMs), at(end), `${what}: day end`);
  // A zone window's edge is a wall-clock position of the day, under the same rule.
  const edge = luxonBoundary(z, changes, civilMidnightMs(date) + (dayStartMinute + c.position) * minute);
  assert.equal(at(grid.instantAt(date, c.position)), at(edge), `${what}: position ${c.position}`);
  // Grid starts: the first at or after each probe, and the one after it.
  for (const probe of c.probesMs) {
    const first = grid.nextBoundary(probe);
    assert.equal(at(first), at(luxonGridStart(z, channel, dayStartMinute, probe)), `${what}: grid start at or after ${at(probe)}`);
    assert.equal(grid.isBoundary(first), true, `${what}: ${at(first)} is a boundary`);
    assert.equal(at(grid.nextBoundary(first + 1)), at(luxonGridStart(z, channel, dayStartMinute, first + 1)), `${what}: grid start after ${at(first)}`);
  }
}

/** A case around an offset change: the day starts in or next to the gap or overlap, and the probes straddle it. */
function caseAround(change: Change): fc.Arbitrary<Case> {
  const wallBefore = change.atMs + change.before * minute; // where the old clock would have gone on
  const wallAfter = change.atMs + change.after * minute; // what the clock reads once changed
  const lo = Math.min(wallBefore, wallAfter) / minute - 30;
  const hi = Math.max(wallBefore, wallAfter) / minute + 30;
  return fc.record({
    block,
    offsetSeeds: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
    dayStartWallMs: fc.integer({ min: lo, max: hi }).map((m) => m * minute),
    probesMs: fc.array(fc.integer({ min: change.atMs - 2 * 3_600_000, max: change.atMs + 3_600_000 }), { minLength: 2, maxLength: 2 }),
    position: fc.integer({ min: 0, max: 1440 }),
  });
}

const randomCase: fc.Arbitrary<Case> = fc
  .record({
    block,
    offsetSeeds: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
    dayStartWallMs: fc.integer({ min: Date.UTC(2000, 0, 2) / minute, max: Date.UTC(2040, 11, 30) / minute }).map((m) => m * minute),
    probeSeconds: fc.array(fc.integer({ min: -86_400, max: 2 * 86_400 }), { minLength: 2, maxLength: 2 }),
    position: fc.integer({ min: 0, max: 1440 }),
  })
  .map(({ probeSeconds, ...c }) => ({ ...c, probesMs: probeSeconds.map((s) => c.dayStartWallMs + s * 1000) }));

test('every IANA zone, 2000–2040: grid starts and programming-day boundaries are Luxon\'s answers, DST gaps and overlaps included', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  assert.ok(zones.length > 300, `only ${zones.length} zones`);
  let changesSeen = 0;
  for (const zone of zones) {
    const z = new ZoneReadings(zone);
    const changes = changesOf(z);
    changesSeen += changes.length;
    for (const change of changes) fc.assert(fc.property(caseAround(change), (c) => check(z, changes, c)), { numRuns: 1, includeErrorInReport: true });
    fc.assert(fc.property(randomCase, (c) => check(z, changes, c)), { numRuns: 3, includeErrorInReport: true });
  }
  assert.ok(changesSeen > 5000, `only ${changesSeen} offset changes found`);
});

// The channel grid (invariant 1): scheduled starts lie on `programming_day_start + k·grid_block_minutes + offset`
// of the channel's wall clock. Because a block divides the day, that is a test on the wall-clock minute of
// the day alone, so the grid stays on the clock across DST changes: a spring-forward skips the boundaries the
// clock jumps over, a fall-back repeats the ones it lives twice.
import { RetroVueError } from '../../core/errors.js';
import type { ChannelRow } from '../../db/schema.js';
import { addDays, civilDateOf, civilMidnightMs, type IsoDate } from './civil-date.js';
import { type TimeZoneTimeline, timelineFor } from './time-zone-timeline.js';

export const minuteMs = 60_000;
export const dayMinutes = 1440;

/** What scheduling needs to know about a Channel. */
export interface ScheduleChannel {
  readonly id: string;
  readonly gridBlockMinutes: number;
  readonly blockStartOffsetsMinutes: readonly number[];
  /** Wall-clock `HH:MM` at which each programming day begins. */
  readonly programmingDayStart: string;
  readonly timezone: string;
}

export function scheduleChannelOf(row: ChannelRow): ScheduleChannel {
  return {
    id: row.id,
    gridBlockMinutes: row.grid_block_minutes,
    blockStartOffsetsMinutes: [...row.block_start_offsets_minutes],
    programmingDayStart: row.programming_day_start,
    timezone: row.timezone,
  };
}

/** `HH:MM` → minutes after midnight; `24:00` is accepted only when `allowEndOfDay`. */
export function parseClock(text: string, what: string, allowEndOfDay = false): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || minutes > dayMinutes || (minutes === dayMinutes && !allowEndOfDay)) {
    throw new RetroVueError('invalid_input', `${what} must be a time of day as HH:MM${allowEndOfDay ? ' (or 24:00)' : ''}; got "${text}"`);
  }
  return minutes;
}

export function formatClock(minutes: number): string {
  const m = ((minutes % dayMinutes) + dayMinutes) % dayMinutes;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const mod = (n: number, m: number): number => ((n % m) + m) % m;

/** The most boundaries walked through (about as many as lie between the last answer and the next question) before reading the clock afresh. */
const maxWalk = 8;
/** Successors kept per grid before it starts afresh (a long-running process must not grow without limit). */
const memoLimit = 100_000;
const successorsByGrid = new Map<string, Map<number, number>>();

export interface ProgrammingDayBounds {
  readonly startMs: number;
  /** Exclusive; the next programming day's start. 23 or 25 hours after the start on DST days. */
  readonly endMs: number;
}

/**
 * @example
 * const grid = new ChannelGrid(channel);
 * grid.nextBoundary(Date.parse('2025-03-09T07:10:00Z')) // the first grid instant at or after 07:10 UTC
 */
export class ChannelGrid {
  readonly channel: ScheduleChannel;
  readonly timeline: TimeZoneTimeline;
  /** Wall-clock minute-of-day residues (mod the block) that are boundaries, ascending. */
  readonly residues: readonly number[];
  readonly dayStartMinute: number;
  /** Each boundary's successor, shared by every grid with the same zone and wall-clock residues. */
  private readonly successors: Map<number, number>;
  /** The last answer, where the next question usually starts (a cache: no answer depends on it). */
  private lastBoundary: number | undefined;

  constructor(channel: ScheduleChannel) {
    this.channel = channel;
    this.timeline = timelineFor(channel.timezone);
    this.dayStartMinute = parseClock(channel.programmingDayStart, 'programming_day_start');
    const block = channel.gridBlockMinutes;
    this.residues = [...new Set(channel.blockStartOffsetsMinutes.map((o) => mod(this.dayStartMinute + o, block)))].sort((a, b) => a - b);
    const key = `${channel.timezone} ${block} ${this.residues.join(',')}`;
    let successors = successorsByGrid.get(key);
    if (successors === undefined) successorsByGrid.set(key, (successors = new Map()));
    this.successors = successors;
  }

  /** Whether a position in the programming day (minutes after its start, wall clock) is a block start. */
  isBoundaryPosition(positionMinutes: number): boolean {
    return this.channel.blockStartOffsetsMinutes.includes(mod(positionMinutes, this.channel.gridBlockMinutes));
  }

  /** Whether an instant is a grid boundary of the channel's wall clock. */
  isBoundary(instantMs: number): boolean {
    return instantMs % minuteMs === 0 && this.isGridWall(this.timeline.wallMs(instantMs));
  }

  /**
   * The first grid boundary at or after the instant: the earliest of Luxon's instants for the grid's wall
   * times that is not before it. A wall time a spring-forward skips has no instant; one a fall-back repeats has two.
   */
  nextBoundary(instantMs: number): number {
    const from = Math.ceil(instantMs / minuteMs) * minuteMs;
    // Resolution asks for the boundary after each item it places: walking on from the last answer costs map
    // lookups where reading the clock at an arbitrary minute would cost a Luxon call.
    const last = this.lastBoundary;
    const near = last !== undefined && last <= from && (from - last) * this.residues.length <= maxWalk * this.channel.gridBlockMinutes * minuteMs;
    let boundary = near ? last : undefined;
    for (let steps = 0; boundary !== undefined && boundary < from; steps++) boundary = steps < maxWalk ? this.boundaryAfter(boundary) : undefined;
    boundary ??= this.firstFrom(from);
    this.lastBoundary = boundary;
    return boundary;
  }

  private firstFrom(from: number): number {
    const wall = this.timeline.wallMs(from);
    return this.isGridWall(wall) ? from : this.firstGridInstant(from, from, wall);
  }

  /** The boundary after a boundary, kept per zone and grid. */
  private boundaryAfter(boundary: number): number {
    let next = this.successors.get(boundary);
    if (next === undefined) {
      next = this.firstGridInstant(boundary + minuteMs, boundary, this.timeline.wallMs(boundary));
      if (this.successors.size >= memoLimit) this.successors.clear();
      this.successors.set(boundary, next);
    }
    return next;
  }

  /**
   * The first of Luxon's grid instants at or after `from`, given that the clock reads `wall` at `anchor`
   * (at or before `from`, with no grid instant in between): the first grid wall time after `wall` that the
   * clock reads from `from` on, unless a fall-back in between runs the clock back over grid wall times it
   * has read, whose second occurrence then comes first.
   */
  private firstGridInstant(from: number, anchor: number, wall: number): number {
    let gridWall = this.nextGridWall(wall);
    let found = this.firstInstantOf(gridWall, from);
    while (found === undefined) {
      gridWall = this.nextGridWall(gridWall); // skipped by a spring-forward
      found = this.firstInstantOf(gridWall, from);
    }
    // Read again, the wall times come round in order: the first found is the earliest.
    const runBackMs = (this.timeline.offsetAt(anchor) - this.timeline.offsetAt(found)) * minuteMs;
    for (gridWall = this.nextGridWall(wall - runBackMs - minuteMs); gridWall <= wall; gridWall = this.nextGridWall(gridWall)) {
      const again = this.firstInstantOf(gridWall, from);
      if (again !== undefined) return Math.min(again, found);
    }
    return found;
  }

  private firstInstantOf(wallMs: number, from: number): number | undefined {
    return this.timeline.instantsOfWall(wallMs).find((instant) => instant >= from);
  }

  private isGridWall(wallMs: number): boolean {
    return this.residues.includes(mod(wallMs / minuteMs, this.channel.gridBlockMinutes));
  }

  /** The first grid wall time (whole minutes on the civil axis) after `wallMs`. */
  private nextGridWall(wallMs: number): number {
    const block = this.channel.gridBlockMinutes;
    const minute = Math.floor(wallMs / minuteMs);
    const r = mod(minute, block);
    const next = this.residues.find((x) => x > r);
    return (minute + (next === undefined ? block - r + (this.residues[0] as number) : next - r)) * minuteMs;
  }

  /** The instant of a wall-clock position of a programming day (0 = its start, 1440 = the next day's start). */
  instantAt(date: IsoDate, positionMinutes: number): number {
    return this.timeline.instantOfWall(civilMidnightMs(date) + (this.dayStartMinute + positionMinutes) * minuteMs);
  }

  /** Empty only when the clock skips the whole date (Pacific/Apia's 2011-12-30). */
  bounds(date: IsoDate): ProgrammingDayBounds {
    return { startMs: this.instantAt(date, 0), endMs: this.instantAt(addDays(date, 1), 0) };
  }

  /**
   * A zone's window: the instants of its wall-clock positions, kept inside the programming day. A position a
   * spring-forward skips is shifted forward by the gap, so it can land after a later position or past the day's
   * end: the window then ends where the day does, and is empty when the clock skips all of it.
   */
  zoneWindow(date: IsoDate, startMinute: number, endMinute: number): ProgrammingDayBounds {
    const day = this.bounds(date);
    const inside = (instantMs: number, earliest: number) => Math.min(Math.max(instantMs, earliest), day.endMs);
    const startMs = inside(this.instantAt(date, startMinute), day.startMs);
    return { startMs, endMs: inside(this.instantAt(date, endMinute), startMs) };
  }

  /** The programming day that is on air at an instant. */
  programmingDayOf(instantMs: number): IsoDate {
    let date = civilDateOf(this.timeline.wallMs(instantMs) - this.dayStartMinute * minuteMs);
    while (this.bounds(date).startMs > instantMs) date = addDays(date, -1);
    while (this.bounds(date).endMs <= instantMs) date = addDays(date, 1);
    return date;
  }
}

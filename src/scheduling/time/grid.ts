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

  constructor(channel: ScheduleChannel) {
    this.channel = channel;
    this.timeline = timelineFor(channel.timezone);
    this.dayStartMinute = parseClock(channel.programmingDayStart, 'programming_day_start');
    const block = channel.gridBlockMinutes;
    this.residues = [...new Set(channel.blockStartOffsetsMinutes.map((o) => mod(this.dayStartMinute + o, block)))].sort((a, b) => a - b);
  }

  /** Whether a position in the programming day (minutes after its start, wall clock) is a block start. */
  isBoundaryPosition(positionMinutes: number): boolean {
    return this.channel.blockStartOffsetsMinutes.includes(mod(positionMinutes, this.channel.gridBlockMinutes));
  }

  /** Whether an instant is a grid boundary of the channel's wall clock. */
  isBoundary(instantMs: number): boolean {
    if (instantMs % minuteMs !== 0) return false;
    const wallMinute = this.timeline.wallMs(instantMs) / minuteMs;
    return this.residues.includes(mod(wallMinute, this.channel.gridBlockMinutes));
  }

  /** The first grid boundary at or after the instant. */
  nextBoundary(instantMs: number): number {
    const block = this.channel.gridBlockMinutes;
    let minute = Math.ceil(instantMs / minuteMs);
    for (;;) {
      const stretch = this.timeline.stretchAt(minute * minuteMs);
      const r = mod(minute + stretch.offsetMinutes, block);
      const next = this.residues.find((x) => x >= r);
      const candidate = minute + (next === undefined ? block - r + (this.residues[0] as number) : next - r);
      if (candidate * minuteMs < stretch.endMs) return candidate * minuteMs;
      minute = stretch.endMs / minuteMs; // the offset changes before the candidate: look again under the new one
    }
  }

  /** The instant of a wall-clock position of a programming day (0 = its start, 1440 = the next day's start). */
  instantAt(date: IsoDate, positionMinutes: number): number {
    return this.timeline.instantOfWall(civilMidnightMs(date) + (this.dayStartMinute + positionMinutes) * minuteMs);
  }

  bounds(date: IsoDate): ProgrammingDayBounds {
    return { startMs: this.instantAt(date, 0), endMs: this.instantAt(addDays(date, 1), 0) };
  }

  /** The programming day that is on air at an instant. */
  programmingDayOf(instantMs: number): IsoDate {
    let date = civilDateOf(this.timeline.wallMs(instantMs) - this.dayStartMinute * minuteMs);
    while (this.bounds(date).startMs > instantMs) date = addDays(date, -1);
    while (this.bounds(date).endMs <= instantMs) date = addDays(date, 1);
    return date;
  }
}

// A time zone's wall clock as Luxon reads it, memoised: the one place where scheduling meets time zones.
// Luxon answers two questions and nothing here works an offset out for itself: what the wall clock reads at
// an instant, and which instants it reads a wall time at. Everything else works on integer epoch
// milliseconds, and on the "civil axis" (wall-clock milliseconds counted as if the wall clock were UTC).
//
// Every programming-day boundary and zone window goes through instantOfWall, the grid through instantsOfWall
// (so it has no start in a gap and two in an overlap); the rule for a skipped or repeated wall time is
// src/core/wall-time.ts's, shared with the instants operators type.
import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { RetroVueError } from '../../core/errors.js';
import { instantOfWallTime, wallTimeInstants, type WallTimeInstants } from '../../core/wall-time.js';

const minuteMs = 60_000;
/** Entries per memo before it starts afresh (a long-running process must not grow it without limit). */
const memoLimit = 200_000;

/**
 * Luxon's IANA zone with its answers kept. Luxon asks its zone for the offset at an instant whenever it
 * converts a time, often the same instants again (a wall time's neighbours a day either side, say), and
 * each answer costs an Intl formatting; kept, they cost a map lookup.
 */
class RememberedZone extends Zone<true> {
  private readonly iana: IANAZone;
  private readonly offsets = new Map<number, number>();

  constructor(iana: IANAZone) {
    super();
    this.iana = iana;
  }

  override get type(): string {
    return this.iana.type;
  }
  override get name(): string {
    return this.iana.name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): true {
    return true;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string {
    return this.iana.offsetName(ts, options) as string;
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.iana.formatOffset(ts, format);
  }
  override equals(other: Zone): boolean {
    return other instanceof RememberedZone && other.name === this.name;
  }
  override offset(ts: number): number {
    let offset = this.offsets.get(ts);
    if (offset === undefined) {
      offset = this.iana.offset(ts);
      if (this.offsets.size >= memoLimit) this.offsets.clear();
      this.offsets.set(ts, offset);
    }
    return offset;
  }
}

/** What Luxon says about one wall time. */

export class TimeZoneTimeline {
  readonly timezone: string;
  private readonly zone: RememberedZone;
  private readonly walls = new Map<number, WallTimeInstants>();

  constructor(timezone: string) {
    if (!IANAZone.isValidZone(timezone)) {
      throw new RetroVueError('invalid_input', `timezone must be an IANA time zone such as Europe/London; got "${timezone}"`);
    }
    this.timezone = timezone;
    this.zone = new RememberedZone(IANAZone.create(timezone));
  }

  /** The UTC offset in whole minutes at an instant (local = UTC + offset): Luxon's. */
  offsetAt(instantMs: number): number {
    const offset = this.zone.offset(instantMs);
    if (!Number.isInteger(offset)) {
      throw new RetroVueError('invalid_input', `time zone ${this.timezone} has a non-whole-minute offset at ${new Date(instantMs).toISOString()}; schedules start in 1970 or later`);
    }
    return offset;
  }

  /** The wall-clock reading of an instant, on the civil axis. */
  wallMs(instantMs: number): number {
    return instantMs + this.offsetAt(instantMs) * minuteMs;
  }

  /** The instants whose wall clock reads `wallMs`, ascending: none when a spring-forward skips it, two when a fall-back repeats it. */
  instantsOfWall(wallMs: number): readonly number[] {
    return this.answerFor(wallMs).instants;
  }

  /** The instant a wall time stands for: its first occurrence, or Luxon's shift forward when it is skipped (see the rule above). */
  instantOfWall(wallMs: number): number {
    return instantOfWallTime(this.answerFor(wallMs));
  }

  private answerFor(wallMs: number): WallTimeInstants {
    let answer = this.walls.get(wallMs);
    if (answer === undefined) {
      answer = wallTimeInstants(this.zone, wallMs);
      if (this.walls.size >= memoLimit) this.walls.clear();
      this.walls.set(wallMs, answer);
    }
    return answer;
  }
}

const timelines = new Map<string, TimeZoneTimeline>();

/** One shared timeline per zone: zone rules do not change while a process runs, so Luxon's answers are kept. */
export function timelineFor(timezone: string): TimeZoneTimeline {
  let timeline = timelines.get(timezone);
  if (!timeline) {
    timeline = new TimeZoneTimeline(timezone);
    timelines.set(timezone, timeline);
  }
  return timeline;
}

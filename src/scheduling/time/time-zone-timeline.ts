// A time zone's UTC offsets as a list of constant stretches, learnt from luxon once and cached: the one
// place where scheduling meets time zones. Everything else works on integer epoch milliseconds, and on the
// "civil axis" (wall-clock milliseconds counted as if the wall clock were UTC) for wall-clock positions.
import { IANAZone } from 'luxon';
import { RetroVueError } from '../../core/errors.js';

const minuteMs = 60_000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
/** How far each refresh reaches beyond the instant asked about. */
const marginMs = 16 * dayMs;

/** A stretch of time with one UTC offset: [startMs, endMs). */
export interface OffsetStretch {
  readonly startMs: number;
  readonly endMs: number;
  readonly offsetMinutes: number;
}

export class TimeZoneTimeline {
  readonly timezone: string;
  private readonly zone: IANAZone;
  // Parallel arrays over the covered span [starts[0], coveredEnd): offsets[i] holds from starts[i].
  private starts: number[] = [];
  private offsets: number[] = [];
  private coveredEnd = Number.NEGATIVE_INFINITY;

  constructor(timezone: string) {
    if (!IANAZone.isValidZone(timezone)) {
      throw new RetroVueError('invalid_input', `timezone must be an IANA time zone such as Europe/London; got "${timezone}"`);
    }
    this.timezone = timezone;
    this.zone = IANAZone.create(timezone);
  }

  /** The UTC offset in whole minutes at an instant (local = UTC + offset). */
  offsetAt(instantMs: number): number {
    return this.stretchAt(instantMs).offsetMinutes;
  }

  /** The stretch of constant offset that contains the instant. */
  stretchAt(instantMs: number): OffsetStretch {
    this.cover(instantMs);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= instantMs) lo = mid;
      else hi = mid - 1;
    }
    const end = lo + 1 < this.starts.length ? (this.starts[lo + 1] as number) : this.coveredEnd;
    return { startMs: this.starts[lo] as number, endMs: end, offsetMinutes: this.offsets[lo] as number };
  }

  /** The wall-clock reading of an instant, on the civil axis. */
  wallMs(instantMs: number): number {
    return instantMs + this.offsetAt(instantMs) * minuteMs;
  }

  /**
   * The first instant whose wall clock reads `wallMs` or later. A wall time skipped by a spring-forward
   * maps to the moment of the jump; a wall time repeated by a fall-back maps to its first occurrence.
   */
  instantOfWall(wallMs: number): number {
    const offsets = new Set([this.offsetAt(wallMs - dayMs), this.offsetAt(wallMs), this.offsetAt(wallMs + dayMs)]);
    const candidates = [...offsets].map((o) => ({ o, instant: wallMs - o * minuteMs }));
    const valid = candidates.filter((c) => this.offsetAt(c.instant) === c.o).map((c) => c.instant);
    if (valid.length > 0) return Math.min(...valid);
    // In a gap: search the jump between the candidates (whole minutes; zone offsets change on minutes).
    let lo = Math.floor(Math.min(...candidates.map((c) => c.instant)) / minuteMs);
    let hi = Math.ceil(Math.max(...candidates.map((c) => c.instant)) / minuteMs);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.wallMs(mid * minuteMs) >= wallMs) hi = mid;
      else lo = mid + 1;
    }
    return lo * minuteMs;
  }

  /** Makes sure the cached stretches reach well past the instant, relearning a wider span when they do not. */
  private cover(instantMs: number): void {
    const first = this.starts[0];
    if (first !== undefined && instantMs >= first && instantMs < this.coveredEnd) return;
    // Near the cached span: widen it (schedules walk forward day by day). Far from it: start afresh there.
    const near = first !== undefined && instantMs > first - 4 * marginMs && instantMs < this.coveredEnd + 4 * marginMs;
    const lowest = near ? Math.min(instantMs, first) : instantMs;
    const highest = near ? Math.max(instantMs, this.coveredEnd) : instantMs;
    const to = Math.ceil((highest + marginMs) / hourMs) * hourMs;
    // Walking forward past the span (the usual case) only learns the new part: sampling resumes at the last
    // hour sampled, on the same hourly grid, so the offsets come out the same as from a full relearn.
    if (near && instantMs >= first) this.learnOnward(this.coveredEnd - hourMs, to);
    else this.learn(Math.floor((lowest - marginMs) / hourMs) * hourMs, to);
  }

  // Samples every hour and pins each change to its minute: no zone changes offset twice within an hour.
  private learn(from: number, to: number): void {
    this.starts = [from];
    this.offsets = [this.rawOffset(from)];
    this.learnOnward(from, to);
  }

  /** Extends the stretches from `from` (an hour already sampled, inside the last stretch) to `to`. */
  private learnOnward(from: number, to: number): void {
    const starts = this.starts;
    const offsets = this.offsets;
    for (let t = from + hourMs; t < to; t += hourMs) {
      const offset = this.rawOffset(t);
      if (offset === offsets[offsets.length - 1]) continue;
      let lo = (t - hourMs) / minuteMs;
      let hi = t / minuteMs;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.rawOffset(mid * minuteMs) === offset) hi = mid;
        else lo = mid;
      }
      starts.push(hi * minuteMs);
      offsets.push(offset);
    }
    this.coveredEnd = to;
  }

  private rawOffset(instantMs: number): number {
    const offset = this.zone.offset(instantMs);
    if (!Number.isInteger(offset)) {
      throw new RetroVueError('invalid_input', `time zone ${this.timezone} has a non-whole-minute offset at ${new Date(instantMs).toISOString()}; schedules start in 1970 or later`);
    }
    return offset;
  }
}

const timelines = new Map<string, TimeZoneTimeline>();

/** One shared timeline per zone: zone rules do not change while a process runs. */
export function timelineFor(timezone: string): TimeZoneTimeline {
  let timeline = timelines.get(timezone);
  if (!timeline) {
    timeline = new TimeZoneTimeline(timezone);
    timelines.set(timezone, timeline);
  }
  return timeline;
}

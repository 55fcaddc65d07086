// Which instants a wall-clock time of a time zone names, decided once, through Luxon: scheduling's grid and
// programming days (src/scheduling/time) and an operator's `--at 2026-11-01T01:30` (src/command/instant.ts)
// both go through it. A wall time is given on the "civil axis": its reading counted in ms as if it were UTC.
//
// The rule for a wall time that one instant cannot name, RFC 5545's and Temporal's "compatible" one:
// - skipped by a spring-forward: shifted forward by the gap (02:30 on New York's spring-forward day → 03:30 EDT);
// - repeated by a fall-back: its first occurrence (01:30 on New York's fall-back day → 01:30 EDT).
// Luxon's DateTime.fromObject/fromISO with a zone guess the offset from today's and so answer a repeated wall
// time by the season the process runs in; the wall time is moved into the zone keeping its reading instead,
// and both readings come from getPossibleOffsets.
import { DateTime, type Zone } from 'luxon';

const minuteMs = 60_000;

export interface WallTimeInstants {
  /** The instants whose wall clock reads the wall time, ascending: none (skipped), one, or two (repeated). */
  readonly instants: readonly number[];
  /** Luxon's instant for it: for a skipped wall time, shifted forward by the gap. */
  readonly shiftedMs: number;
}

/** @example wallTimeInstants('America/New_York', Date.UTC(2026, 10, 1, 1, 30)).instants // [05:30Z, 06:30Z] */
export function wallTimeInstants(zone: Zone | string, wallMs: number): WallTimeInstants {
  const dt = DateTime.fromMillis(wallMs, { zone: 'utc' }).setZone(zone, { keepLocalTime: true });
  const readers = dt.getPossibleOffsets().filter((o) => o.toMillis() + o.offset * minuteMs === wallMs);
  return { instants: readers.map((o) => o.toMillis()).sort((a, b) => a - b), shiftedMs: dt.toMillis() };
}

/** The one instant a wall time stands for under the rule above. */
export function instantOfWallTime(answer: WallTimeInstants): number {
  return answer.instants[0] ?? answer.shiftedMs;
}

// ScheduleDay: the resolved, immutable schedule of one channel and programming day — the EPG's truth.
// Its entries tile [coverStartMs, coverEndMs) without gap or overlap: slots (scheduled content with the grid
// blocks it occupies) and avails (time with no scheduled content, filled at playlog level).
import type { SyntheticKind } from '../../plugins/playlog-event.js';
import type { IsoDate } from '../time/civil-date.js';
import type { SchedulableAssetRef } from '../library/schedulable-asset.js';

/** What a guide shows for a slot, fixed when the day is built (the catalog may change later). */
export interface GuideInfo {
  readonly title: string;
  readonly subtitle: string | null;
  readonly description: string | null;
  readonly season: number | null;
  readonly episode: number | null;
  readonly year: number | null;
  readonly categories: readonly string[];
}

export type SlotContent =
  | {
      readonly kind: 'asset';
      readonly assetId: string;
      readonly path: string;
      /** Offsets into the asset where a break may be taken (its chapter marks), ascending, inside (0, duration). */
      readonly breakPointsMs: readonly number[];
    }
  | { readonly kind: 'synthetic'; readonly syntheticAssetId: string; readonly synthetic: SyntheticKind; readonly text: string | null };

export interface ScheduledSlot {
  readonly kind: 'slot';
  /** `<channel>@<startMs>`: stable, and unique per channel. */
  readonly slotId: string;
  /** On the channel grid. */
  readonly startMs: number;
  /** When the content ends: start + its full duration (never cut). */
  readonly endMs: number;
  /** The end of the last grid block the content occupies (what the EPG shows); the time after endMs is the slot's own break. */
  readonly blockEndMs: number;
  readonly zoneName: string;
  /** The zone item that produced the slot. */
  readonly origin: SchedulableAssetRef;
  /** The innermost program the content came from, if any. */
  readonly programId: string | null;
  readonly content: SlotContent;
  readonly allowBreaks: boolean;
  readonly guide: GuideInfo;
}

export interface ScheduleAvail {
  readonly kind: 'avail';
  readonly startMs: number;
  readonly endMs: number;
  /**
   * No zone that yields a programme covers it: the channel is off air (the guide says so). Otherwise it is a
   * break, which the guide gives to the programme before it. The playlog fills both alike.
   */
  readonly offAir: boolean;
}

/** A half-open stretch of time [startMs, endMs). */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

export type ScheduleEntry = ScheduledSlot | ScheduleAvail;

export interface SequenceProgress {
  /** Index of the next unit of the program's chain (shuffle: within the cycle's permutation). */
  readonly position: number;
  readonly cycle: number;
  /** The unit last played, to find the place again when the catalog changed. */
  readonly lastKey: string | null;
}

/** What one day hands to the next so nothing restarts at midnight. */
export interface ScheduleProgress {
  /** Program id → where its sequential or shuffled walk stands. */
  readonly sequences: Readonly<Record<string, SequenceProgress>>;
  /** VirtualAsset id → assets it has picked in its current round (for `unplayed` rules). */
  readonly played: Readonly<Record<string, readonly string[]>>;
}

export interface CarryState {
  /** When the channel is free again: the previous day's cover end (content may run past its day). */
  readonly airingUntilMs: number;
  readonly progress: ScheduleProgress;
}

export const emptyProgress: ScheduleProgress = { sequences: {}, played: {} };

export interface ScheduleDay {
  readonly channelId: string;
  readonly programmingDay: IsoDate;
  readonly dayStartMs: number;
  readonly dayEndMs: number;
  /**
   * Where this day's entries begin: its start, or later when the previous day's content ran over (or
   * earlier, when the channel's day start or time zone moved later since the previous day was built).
   */
  readonly coverStartMs: number;
  /** Where they end: the day's end, or later when its last content runs over. */
  readonly coverEndMs: number;
  readonly planId: string | null;
  readonly seed: string;
  readonly entries: readonly ScheduleEntry[];
  /** Where the day is off air, ascending and disjoint (stored with the day: zone windows are not). */
  readonly offAir: readonly Interval[];
  readonly carryOut: CarryState;
  /** Things an operator should know (a zone with nothing eligible, no plan for the day). */
  readonly warnings: readonly string[];
}

export function slotsOf(day: ScheduleDay): ScheduledSlot[] {
  return day.entries.filter((e): e is ScheduledSlot => e.kind === 'slot');
}

export function entryEndMs(entry: ScheduleEntry): number {
  return entry.kind === 'slot' ? entry.blockEndMs : entry.endMs;
}

/**
 * Rebuilds the tiling from slots and the off-air intervals: every gap in [coverStart, coverEnd) becomes
 * avails, cut where off-air time begins or ends.
 */
export function tileWithAvails(coverStartMs: number, coverEndMs: number, slots: readonly ScheduledSlot[], offAir: readonly Interval[] = []): ScheduleEntry[] {
  const entries: ScheduleEntry[] = [];
  let cursor = coverStartMs;
  for (const slot of [...slots].sort((a, b) => a.startMs - b.startMs)) {
    if (slot.startMs > cursor) entries.push(...availsIn(cursor, slot.startMs, offAir));
    entries.push(slot);
    cursor = slot.blockEndMs;
  }
  if (coverEndMs > cursor) entries.push(...availsIn(cursor, coverEndMs, offAir));
  return entries;
}

function availsIn(startMs: number, endMs: number, offAir: readonly Interval[]): ScheduleAvail[] {
  const avails: ScheduleAvail[] = [];
  let cursor = startMs;
  for (const o of offAir) {
    const from = Math.max(o.startMs, cursor);
    const to = Math.min(o.endMs, endMs);
    if (from >= to) continue;
    if (from > cursor) avails.push({ kind: 'avail', startMs: cursor, endMs: from, offAir: false });
    avails.push({ kind: 'avail', startMs: from, endMs: to, offAir: true });
    cursor = to;
  }
  if (endMs > cursor) avails.push({ kind: 'avail', startMs: cursor, endMs, offAir: false });
  return avails;
}

/** What of [fromMs, toMs) none of the covering intervals covers, ascending and disjoint. */
export function uncovered(fromMs: number, toMs: number, covering: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  let cursor = fromMs;
  for (const c of [...covering].sort((a, b) => a.startMs - b.startMs)) {
    if (c.startMs > cursor && cursor < toMs) gaps.push({ startMs: cursor, endMs: Math.min(c.startMs, toMs) });
    cursor = Math.max(cursor, c.endMs);
  }
  if (toMs > cursor) gaps.push({ startMs: cursor, endMs: toMs });
  return gaps;
}

export function slotIdOf(channelId: string, startMs: number): string {
  return `${channelId}@${startMs}`;
}

/** `S01E05`, `E05` or null: how episodes are numbered on screen. */
export function onscreenEpisode(guide: GuideInfo): string | null {
  if (guide.episode === null) return null;
  const episode = `E${String(guide.episode).padStart(2, '0')}`;
  return guide.season === null ? episode : `S${String(guide.season).padStart(2, '0')}${episode}`;
}

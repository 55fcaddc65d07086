// Turns a plan's segments (and later extensions) into the engine's queue of items, each a wall-clock span
// with the source position it starts at. Whatever is over is skipped, overlap with what is queued is
// trimmed, holes become slate: the queue is always contiguous. Pure.
import type { PlayoutSegment } from '../plugins/playout-plan.js';

export type ItemRole = 'segment' | 'gap' | 'underrun';

export interface AirItem {
  readonly role: ItemRole;
  /** Index in the engine's segment list; null for a gap or underrun filled by the engine. */
  readonly segmentIndex: number | null;
  readonly segment: PlayoutSegment | null;
  /** Wall-clock span the item airs in (epoch ms). */
  readonly startMs: number;
  readonly endMs: number;
  /** Source position at `startMs`. */
  readonly inPointMs: number;
}

export interface SkippedSegment {
  readonly segmentIndex: number;
  readonly segment: PlayoutSegment;
  readonly reason: string;
}

export interface Appended {
  readonly items: readonly AirItem[];
  readonly skipped: readonly SkippedSegment[];
  /** Where the queue ends now. */
  readonly cursorMs: number;
}

/** Holes shorter than this are closed by starting the segment early, not filled with a flash of slate. */
export const MIN_GAP_MS = 100;
/** A remainder shorter than this is not worth a process: such a segment counts as over. */
export const MIN_ITEM_MS = 40;

/**
 * @param keepFirstInPoint a fresh plan's first segment starts at its in-point even if the engine is a
 *   little late (a mid-show join starts exactly where the producer said); it ends on schedule regardless.
 * @example
 * const { items, cursorMs } = appendSegments(plan.segments, 0, now, { keepFirstInPoint: true });
 */
export function appendSegments(
  segments: readonly PlayoutSegment[],
  firstIndex: number,
  cursorMs: number,
  options: { readonly keepFirstInPoint: boolean },
): Appended {
  const items: AirItem[] = [];
  const skipped: SkippedSegment[] = [];
  let cursor = cursorMs;
  let keepInPoint = options.keepFirstInPoint;
  segments.forEach((segment, i) => {
    const segmentIndex = firstIndex + i;
    const endMs = segment.startsAtMs + segment.durationMs;
    if (endMs - cursor < MIN_ITEM_MS) {
      skipped.push({ segmentIndex, segment, reason: endMs <= cursor ? 'over before it could air' : 'less than a frame left' });
      return;
    }
    if (segment.startsAtMs - cursor >= MIN_GAP_MS) {
      items.push({ role: 'gap', segmentIndex: null, segment: null, startMs: cursor, endMs: segment.startsAtMs, inPointMs: 0 });
      cursor = segment.startsAtMs;
    }
    const late = Math.max(0, cursor - segment.startsAtMs);
    const inPointMs = keepInPoint ? segment.inPointMs : segment.inPointMs + late;
    keepInPoint = false;
    items.push({ role: 'segment', segmentIndex, segment, startMs: cursor, endMs, inPointMs });
    cursor = endMs;
  });
  return { items, skipped, cursorMs: cursor };
}

/** Slate that airs when nothing is queued, until an extension arrives. */
export function underrunItem(cursorMs: number, durationMs: number): AirItem {
  return { role: 'underrun', segmentIndex: null, segment: null, startMs: cursorMs, endMs: cursorMs + durationMs, inPointMs: 0 };
}

// Expands ScheduleDays into PlaylogEvents: exactly what airs, millisecond by millisecond. A slot's content
// airs whole — or split at its chapter marks when its program allows breaks, the slot's spare block time
// then shared among the breaks — and every avail is filled with interstitials padded to the exact length.
// A day's events tile its cover, so consecutive days give one contiguous playlog.
import { RetroVueError } from '../../core/errors.js';
import type { PlaylogEvent, SyntheticKind } from '../../plugins/playlog-event.js';
import { type AvailContext, fillAvail } from './avail-filler.js';
import { type InterstitialPool } from '../library/interstitial.js';
import type { ScheduleDay, ScheduledSlot, ScheduleEntry } from '../schedule-day/schedule-day.js';

export interface ExpandOptions {
  readonly pool: InterstitialPool;
  readonly seed: string;
  /** What pads an avail no interstitial fills exactly. */
  readonly filler?: SyntheticKind;
  /** The title events of an avail between programmes carry. */
  readonly availTitle?: string;
}

/** A break shorter than this per chapter is not worth splitting the content for. */
export const minBreakMs = 1_000;

/**
 * @example
 * const events = expandScheduleDays([monday, tuesday], { pool, seed: 'retro1' });
 * // events[0].startMs === monday.coverStartMs; each event ends where the next begins
 */
export function expandScheduleDays(days: readonly ScheduleDay[], options: ExpandOptions): PlaylogEvent[] {
  const events: PlaylogEvent[] = [];
  days.forEach((day, i) => {
    const previous = days[i - 1];
    if (previous && (previous.channelId !== day.channelId || previous.coverEndMs !== day.coverStartMs)) {
      throw new RetroVueError('invalid_input', `schedule day ${day.programmingDay} of channel "${day.channelId}" does not follow ${previous.programmingDay}; expand consecutive days`);
    }
    events.push(...expandScheduleDay(day, options));
  });
  return events;
}

export function expandScheduleDay(day: ScheduleDay, options: ExpandOptions): PlaylogEvent[] {
  const events: PlaylogEvent[] = [];
  const context = (title: string, slotId: string | undefined): AvailContext => ({
    channelId: day.channelId,
    seed: options.seed,
    pool: options.pool,
    filler: options.filler ?? 'slate',
    title,
    slotId,
  });
  for (const entry of airedEntries(day.entries)) {
    if (entry.kind === 'avail') events.push(...fillAvail(entry.startMs, entry.endMs - entry.startMs, context(options.availTitle ?? 'Station break', undefined)));
    else events.push(...expandSlot(entry, context(entry.guide.title, entry.slotId)));
  }
  return events;
}

/** Adjacent avails (a break running into off-air time) air as one: off air is the guide's notion, not the playlog's. */
function airedEntries(entries: readonly ScheduleEntry[]): ScheduleEntry[] {
  const out: ScheduleEntry[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (e.kind === 'avail' && last?.kind === 'avail' && last.endMs === e.startMs) out[out.length - 1] = { ...last, endMs: e.endMs };
    else out.push(e);
  }
  return out;
}

function expandSlot(slot: ScheduledSlot, ctx: AvailContext): PlaylogEvent[] {
  const durationMs = slot.endMs - slot.startMs;
  const spareMs = slot.blockEndMs - slot.endMs;
  const points = slot.content.kind === 'asset' && slot.allowBreaks ? slot.content.breakPointsMs : [];
  const breakCount = points.length + 1;
  // Without breaks: the whole content, then the block's spare time as one break.
  const split = points.length > 0 && spareMs >= breakCount * minBreakMs;
  const bounds = split ? [0, ...points, durationMs] : [0, durationMs];
  const events: PlaylogEvent[] = [];
  let cursor = slot.startMs;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const inPoint = bounds[i] as number;
    const partMs = (bounds[i + 1] as number) - inPoint;
    events.push(contentEvent(slot, ctx.channelId, cursor, cursor + partMs, inPoint));
    cursor += partMs;
    const isLast = i + 2 === bounds.length;
    const breakMs = split ? (isLast ? spareMs - Math.floor(spareMs / breakCount) * (breakCount - 1) : Math.floor(spareMs / breakCount)) : isLast ? spareMs : 0;
    events.push(...fillAvail(cursor, breakMs, ctx));
    cursor += breakMs;
  }
  return events;
}

function contentEvent(slot: ScheduledSlot, channelId: string, startMs: number, endMs: number, inPointMs: number): PlaylogEvent {
  const source: PlaylogEvent['source'] =
    slot.content.kind === 'asset'
      ? { kind: 'asset', assetId: slot.content.assetId, inPointMs }
      : slot.content.text === null
        ? { kind: 'synthetic', synthetic: slot.content.synthetic }
        : { kind: 'synthetic', synthetic: slot.content.synthetic, text: slot.content.text };
  return {
    id: `${channelId}@${startMs}`,
    channelId,
    startMs,
    endMs,
    role: 'program',
    source,
    title: slot.guide.title,
    ...(slot.guide.subtitle === null ? {} : { episodeTitle: slot.guide.subtitle }),
    slotId: slot.slotId,
  };
}

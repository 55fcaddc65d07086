// Fills one Zone's window (invariants 2–5): it soft-starts after whatever still airs, snapped to the next
// grid boundary; it repeats its SchedulableAssets in rotation until the window is full; it never starts an
// item at or after its declared end; content is never cut. The zone's first item always airs, however long
// (longform takes the blocks it needs and pushes the next zone); a later item that would run past the
// zone's end does not start — the rest of the window becomes avails (no auto-extend).
import type { ChannelGrid } from '../time/grid.js';
import { type Pick, type PickContext, type PickState, pickSchedulable } from './schedulable-picker.js';
import { describeSchedulable } from '../library/schedulable-asset.js';
import type { Zone } from '../plans/schedule-plan.js';
import { type ScheduledSlot, slotIdOf } from './schedule-day.js';

export interface ZoneWindowInstants {
  readonly startMs: number;
  /** Exclusive: no item starts at or after it. */
  readonly endMs: number;
}

export interface ZoneResolution {
  readonly slots: readonly ScheduledSlot[];
  readonly state: PickState;
  /** When the channel is free after this zone (the last slot's block end, or where it started looking). */
  readonly freeAtMs: number;
  readonly warnings: readonly string[];
}

/**
 * @example
 * resolveZone(zone, { startMs, endMs }, freeAtMs, state, grid, ctx) // → slots on the grid inside the window
 */
export function resolveZone(
  zone: Zone,
  window: ZoneWindowInstants,
  freeAtMs: number,
  state: PickState,
  grid: ChannelGrid,
  ctx: PickContext,
): ZoneResolution {
  const slots: ScheduledSlot[] = [];
  const warnings: string[] = [];
  let current = state;
  let free = freeAtMs;
  let rotation = 0;
  let start = grid.nextBoundary(Math.max(window.startMs, freeAtMs));
  while (start < window.endMs) {
    const next = nextPick(zone, rotation, current, ctx);
    if (!next) {
      if (slots.length === 0) warnings.push(nothingEligible(zone, ctx));
      break;
    }
    const endMs = start + next.pick.item.durationMs;
    if (slots.length > 0 && endMs > window.endMs) break;
    current = next.pick.state;
    rotation = (rotation + next.tried) % zone.items.length;
    const blockEndMs = grid.nextBoundary(endMs);
    slots.push(slotOf(zone, next, start, endMs, blockEndMs, grid.channel.id));
    free = blockEndMs;
    start = blockEndMs;
  }
  return { slots, state: current, freeAtMs: free, warnings };
}

function nothingEligible(zone: Zone, ctx: PickContext): string {
  const items = zone.items.map((ref) => describeSchedulable(ref, ctx.library, ctx.catalog));
  const why = items.length === 0 ? 'holds nothing' : `has nothing eligible (${items.join(', ')}: no ready asset fits)`;
  return `zone "${zone.name}" ${why} on ${ctx.date}; its window becomes avails`;
}

interface ZonePick {
  readonly pick: Pick;
  /** How many zone items were looked at (those yielding nothing are passed over). */
  readonly tried: number;
  readonly itemIndex: number;
}

function nextPick(zone: Zone, rotation: number, state: PickState, ctx: PickContext): ZonePick | null {
  for (let tried = 1; tried <= zone.items.length; tried++) {
    const itemIndex = (rotation + tried - 1) % zone.items.length;
    const pick = pickSchedulable(zone.items[itemIndex] as Zone['items'][number], state, ctx);
    if (pick) return { pick, tried, itemIndex };
  }
  return null;
}

function slotOf(zone: Zone, next: ZonePick, startMs: number, endMs: number, blockEndMs: number, channelId: string): ScheduledSlot {
  const { item } = next.pick;
  return {
    kind: 'slot',
    slotId: slotIdOf(channelId, startMs),
    startMs,
    endMs,
    blockEndMs,
    zoneName: zone.name,
    origin: zone.items[next.itemIndex] as Zone['items'][number],
    programId: item.programId,
    content: item.content,
    allowBreaks: item.allowBreaks,
    guide: item.guide,
  };
}

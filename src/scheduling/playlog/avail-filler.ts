// Fills an avail to the millisecond: a bumper to open, commercials chosen to fit, a station ID to close,
// and a synthetic filler (slate by default) for what no interstitial fits. Choices are seeded by the
// avail's start, so the same avail always gets the same break.
import type { PlaylogEvent, SyntheticKind } from '../../plugins/playlog-event.js';
import type { CatalogAsset } from '../../catalog/catalog-snapshot.js';
import type { InterstitialPool } from '../library/interstitial.js';
import { drawWith, generatorFor } from '../library/seeded-random.js';

export interface AvailContext {
  readonly channelId: string;
  readonly seed: string;
  readonly pool: InterstitialPool;
  readonly filler: SyntheticKind;
  /** Guide title the events carry (the programme the break sits in, or a station-break title). */
  readonly title: string;
  readonly slotId: string | undefined;
}

/** Never more picks than this in one avail, however short the commercials. */
const maxPicksPerAvail = 200;

/**
 * @example
 * fillAvail(startMs, 8 * 60_000, ctx) // → bumper, commercials…, slate, station ID: contiguous, exactly 8 minutes
 */
export function fillAvail(startMs: number, lengthMs: number, ctx: AvailContext): PlaylogEvent[] {
  if (lengthMs <= 0) return [];
  const rng = generatorFor(ctx.seed, 'avail', ctx.channelId, startMs);
  let remaining = lengthMs;
  const choose = (assets: readonly CatalogAsset[], budget: number, avoid?: string): CatalogAsset | undefined => {
    const fitting = assets.filter((a) => (a.durationMs ?? 0) <= budget);
    const fresh = fitting.length > 1 && avoid ? fitting.filter((a) => a.id !== avoid) : fitting;
    return fresh.length === 0 ? undefined : fresh[drawWith(rng, fresh.length)];
  };
  const opener = choose(ctx.pool.bumpers, remaining);
  remaining -= opener?.durationMs ?? 0;
  const closer = choose(ctx.pool.stationIds, remaining);
  remaining -= closer?.durationMs ?? 0;
  const commercials: CatalogAsset[] = [];
  for (let i = 0; i < maxPicksPerAvail; i++) {
    const next = choose(ctx.pool.commercials, remaining, commercials[commercials.length - 1]?.id);
    if (!next) break;
    commercials.push(next);
    remaining -= next.durationMs as number;
  }
  const events: PlaylogEvent[] = [];
  let cursor = startMs;
  const push = (durationMs: number, make: (start: number, end: number) => PlaylogEvent) => {
    if (durationMs <= 0) return;
    events.push(make(cursor, cursor + durationMs));
    cursor += durationMs;
  };
  for (const asset of [opener, ...commercials].filter((a): a is CatalogAsset => a !== undefined)) {
    push(asset.durationMs as number, (s, e) => interstitialEvent(asset, s, e, ctx));
  }
  push(remaining, (s, e) => fillerEvent(s, e, ctx));
  if (closer) push(closer.durationMs as number, (s, e) => interstitialEvent(closer, s, e, ctx));
  return events;
}

function interstitialEvent(asset: CatalogAsset, startMs: number, endMs: number, ctx: AvailContext): PlaylogEvent {
  return {
    id: `${ctx.channelId}@${startMs}`,
    channelId: ctx.channelId,
    startMs,
    endMs,
    role: 'interstitial',
    source: { kind: 'asset', assetId: asset.id, inPointMs: 0 },
    title: ctx.title,
    ...(ctx.slotId === undefined ? {} : { slotId: ctx.slotId }),
  };
}

function fillerEvent(startMs: number, endMs: number, ctx: AvailContext): PlaylogEvent {
  return {
    id: `${ctx.channelId}@${startMs}`,
    channelId: ctx.channelId,
    startMs,
    endMs,
    role: 'filler',
    source: { kind: 'synthetic', synthetic: ctx.filler },
    title: ctx.title,
    ...(ctx.slotId === undefined ? {} : { slotId: ctx.slotId }),
  };
}

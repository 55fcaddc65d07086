// Small builders for scheduling values, so example tests read like the cases they prove.
import { CatalogSnapshot, type CatalogAsset, type CatalogCollection } from '../../src/catalog/catalog-snapshot.js';
import type { ScheduleChannel } from '../../src/scheduling/time/grid.js';
import type { ChainLink, PlayMode, Program, ProgramKind, SchedulableAssetRef } from '../../src/scheduling/library/schedulable-asset.js';
import type { SchedulePlan, Zone } from '../../src/scheduling/plans/schedule-plan.js';
import { slotsOf, type ScheduleDay, type ScheduledSlot } from '../../src/scheduling/schedule-day/schedule-day.js';

export const minuteMs = 60_000;

export function channel(overrides: Partial<ScheduleChannel> = {}): ScheduleChannel {
  return { id: 'retro1', gridBlockMinutes: 30, blockStartOffsetsMinutes: [0], programmingDayStart: '06:00', timezone: 'UTC', ...overrides };
}

export function asset(id: string, minutes: number, overrides: Partial<CatalogAsset> = {}): CatalogAsset {
  return {
    id,
    collectionId: 'col',
    path: `/media/${id}.mkv`,
    state: 'ready',
    durationMs: Math.round(minutes * minuteMs),
    kind: 'episode',
    title: id,
    series: null,
    season: null,
    episode: null,
    year: null,
    tags: [],
    chapters: [],
    description: null,
    categories: [],
    ...overrides,
  };
}

/** Episodes S01E01… of a series, all of the same length. */
export function episodes(series: string, count: number, minutes: number, collectionId = 'col'): CatalogAsset[] {
  return Array.from({ length: count }, (_, i) =>
    asset(`${series.toLowerCase().replace(/\W+/g, '-')}-e${i + 1}`, minutes, { series, season: 1, episode: i + 1, title: `Episode ${i + 1}`, collectionId }),
  );
}

export function catalog(assets: readonly CatalogAsset[], collections: readonly CatalogCollection[] = [{ id: 'col', name: 'lib/All' }]): CatalogSnapshot {
  return new CatalogSnapshot(assets, collections);
}

export function program(id: string, chain: readonly ChainLink[], options: { kind?: ProgramKind; playMode?: PlayMode; allowBreaks?: boolean } = {}): Program {
  return {
    id,
    name: id,
    kind: options.kind ?? 'series',
    playMode: options.playMode ?? 'sequential',
    assetChain: chain,
    allowBreaks: options.allowBreaks ?? false,
    description: null,
    categories: [],
  };
}

export const seriesLink = (series: string): ChainLink => ({ kind: 'series', series, season: null, collectionId: null });
export const programRef = (programId: string): SchedulableAssetRef => ({ kind: 'program', programId });

/** A zone from wall-clock positions in the programming day ("HH:MM" after the day start, as minutes). */
export function zone(name: string, startMinute: number, endMinute: number, items: readonly SchedulableAssetRef[], daysOfWeek: Zone['daysOfWeek'] = null): Zone {
  return { id: `zone-${name}`, name, startMinute, endMinute, daysOfWeek, items };
}

export function plan(zones: readonly Zone[], overrides: Partial<SchedulePlan> = {}): SchedulePlan {
  return { id: 'plan-1', channelId: 'retro1', name: 'base', daysOfWeek: null, startDate: null, endDate: null, priority: 0, zones, ...overrides };
}

/** Slot starts as wall-clock "HH:MM" in UTC, for readable assertions. */
export function startsUtc(day: ScheduleDay): string[] {
  return slotsOf(day).map((s) => new Date(s.startMs).toISOString().slice(11, 16));
}

export function slotTitles(day: ScheduleDay): string[] {
  return slotsOf(day).map((s: ScheduledSlot) => (s.content.kind === 'asset' ? s.content.assetId : s.content.synthetic));
}

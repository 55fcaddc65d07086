// Random scheduling scenarios for property tests: a channel (any grid, day start and time zone), a catalog
// of series, movies and non-ready items (durations 5 s to 4 h), programs in every play mode (some nested),
// a VirtualAsset, a SyntheticAsset, and plans whose zones sit on grid boundaries with gaps between them.
import fc from 'fast-check';
import { addDays, type IsoDate } from '../../src/scheduling/time/civil-date.js';
import { CatalogSnapshot, type CatalogAsset } from '../../src/catalog/catalog-snapshot.js';
import { ChannelGrid, type ScheduleChannel } from '../../src/scheduling/time/grid.js';
import {
  type PlayMode,
  type Program,
  type SchedulableAssetRef,
  schedulingLibrary,
  type SchedulingLibrary,
  type SyntheticAsset,
  type VirtualAsset,
} from '../../src/scheduling/library/schedulable-asset.js';
import type { SchedulePlan, Zone } from '../../src/scheduling/plans/schedule-plan.js';
import { arbitraryChannel } from './scheduling-arbitraries.js';
import { asset } from './scheduling-fixtures.js';

export interface Scenario {
  readonly channel: ScheduleChannel;
  readonly startDate: IsoDate;
  readonly days: number;
  readonly plans: readonly SchedulePlan[];
  readonly library: SchedulingLibrary;
  readonly catalog: CatalogSnapshot;
  readonly seed: string;
}

/** Saturdays before DST changes in the zones the channels use, so multi-day runs cross them. */
const dstDates = ['2024-03-09', '2024-03-30', '2024-04-06', '2024-09-07', '2024-09-28', '2024-10-05', '2024-10-26', '2024-11-02', '2025-03-08', '2025-10-25'];

const duration = fc.integer({ min: 5_000, max: 4 * 3_600_000 });

const seriesSpec = fc.record({
  durations: fc.array(duration, { minLength: 1, maxLength: 8 }),
  notReady: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  playMode: fc.constantFrom<PlayMode>('sequential', 'sequential', 'shuffle', 'random'),
  breaks: fc.boolean(),
});

const raw = fc.record({
  channel: arbitraryChannel(),
  startDate: fc.oneof(fc.constantFrom(...dstDates), fc.integer({ min: 0, max: 4000 }).map((n) => addDays('2015-01-01', n))),
  days: fc.integer({ min: 1, max: 3 }),
  series: fc.array(seriesSpec, { minLength: 1, maxLength: 3 }),
  movies: fc.array(duration, { maxLength: 4 }),
  syntheticMs: fc.integer({ min: 5_000, max: 30 * 60_000 }),
  cuts: fc.uniqueArray(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 8 }),
  keepZone: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  itemPicks: fc.array(fc.array(fc.nat({ max: 100 }), { maxLength: 3 }), { minLength: 8, maxLength: 8 }),
  weekdays: fc.array(fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), { freq: 3 }), { minLength: 8, maxLength: 8 }),
  secondPlan: fc.boolean(),
  seed: fc.string({ maxLength: 8 }),
});

export const arbitraryScenario: fc.Arbitrary<Scenario> = raw.map((r) => {
  const assets: CatalogAsset[] = [];
  const programs: Program[] = [];
  r.series.forEach((spec, s) => {
    const name = `Series ${s}`;
    spec.durations.forEach((ms, e) => {
      assets.push(
        asset(`s${s}e${e}`, ms / 60_000, {
          durationMs: ms,
          series: name,
          season: 1,
          episode: e + 1,
          state: spec.notReady[e] ? 'missing' : 'ready',
          chapters: [{ startMs: 0, endMs: Math.floor(ms / 3) }, { startMs: Math.floor(ms / 3), endMs: ms }],
        }),
      );
    });
    programs.push(sampleProgram(`series-${s}`, 'series', spec.playMode, spec.breaks, [{ kind: 'series', series: name, season: null, collectionId: null }]));
  });
  r.movies.forEach((ms, m) => assets.push(asset(`movie${m}`, ms / 60_000, { durationMs: ms, kind: 'movie', collectionId: 'movies', title: `Movie ${m}`, year: 1970 + m })));
  programs.push(sampleProgram('movies', 'movie', 'shuffle', false, [{ kind: 'collection', collectionId: 'movies' }]));
  programs.push(sampleProgram('block', 'block', 'sequential', false, [{ kind: 'program', programId: 'series-0' }, { kind: 'synthetic', syntheticAssetId: 'ident' }, { kind: 'virtual', virtualAssetId: 'short-movie' }]));
  const virtual: VirtualAsset = {
    id: 'short-movie',
    name: 'short movie',
    rule: { collectionId: 'movies', series: null, kinds: ['movie'], tags: [], minDurationMs: null, maxDurationMs: 100 * 60_000, unplayed: true, order: 'random' },
  };
  const synthetic: SyntheticAsset = { id: 'ident', name: 'Station ident', kind: 'station-id', durationMs: r.syntheticMs, text: 'RetroVue' };
  const refs: SchedulableAssetRef[] = [
    ...programs.map((p): SchedulableAssetRef => ({ kind: 'program', programId: p.id })),
    { kind: 'virtual', virtualAssetId: 'short-movie' },
    { kind: 'synthetic', syntheticAssetId: 'ident' },
    ...(assets[0] ? [{ kind: 'asset', assetId: assets[0].id } as const] : []),
  ];
  const zones = sampleZones(r.channel, r.cuts, r.keepZone, r.itemPicks, r.weekdays, refs);
  const plans: SchedulePlan[] = [{ id: 'base', channelId: r.channel.id, name: 'base', daysOfWeek: null, startDate: null, endDate: null, priority: 0, zones }];
  if (r.secondPlan) {
    // A one-day special on the second day, with the zones reversed in content.
    const special = zones.map((z) => ({ ...z, id: `${z.id}-special`, items: [...z.items].reverse() }));
    plans.push({ id: 'special', channelId: r.channel.id, name: 'special', daysOfWeek: null, startDate: addDays(r.startDate, 1), endDate: addDays(r.startDate, 1), priority: 1, zones: special });
  }
  return {
    channel: r.channel,
    startDate: r.startDate,
    days: r.days,
    plans,
    library: schedulingLibrary({ programs, virtualAssets: [virtual], syntheticAssets: [synthetic] }),
    catalog: new CatalogSnapshot(assets, [{ id: 'col', name: 'lib/Series' }, { id: 'movies', name: 'lib/Movies' }]),
    seed: r.seed,
  };
});

function sampleProgram(id: string, kind: Program['kind'], playMode: PlayMode, allowBreaks: boolean, assetChain: Program['assetChain']): Program {
  return { id, name: id, kind, playMode, assetChain, allowBreaks, description: null, categories: [] };
}

/** Zones between consecutive grid positions chosen by the cuts; some dropped to leave gaps. */
function sampleZones(
  channel: ScheduleChannel,
  cuts: readonly number[],
  keep: readonly boolean[],
  itemPicks: readonly (readonly number[])[],
  weekdays: readonly (readonly number[] | null)[],
  refs: readonly SchedulableAssetRef[],
): Zone[] {
  const grid = new ChannelGrid(channel);
  const positions = Array.from({ length: 1441 }, (_, p) => p).filter((p) => p === 0 || p === 1440 || grid.isBoundaryPosition(p));
  const chosen = [...new Set([0, 1440, ...cuts.map((c) => positions[c % positions.length] as number)])].sort((a, b) => a - b);
  const zones: Zone[] = [];
  for (let i = 0; i + 1 < chosen.length && i < 8; i++) {
    if (!keep[i]) continue;
    const days = weekdays[i] ?? null;
    zones.push({
      id: `z${i}`,
      name: `Zone ${i}`,
      startMinute: chosen[i] as number,
      endMinute: chosen[i + 1] as number,
      daysOfWeek: days === null ? null : ([...days].sort((a, b) => a - b) as Zone['daysOfWeek']),
      items: (itemPicks[i] ?? []).map((n) => refs[n % refs.length] as SchedulableAssetRef),
    });
  }
  return zones;
}

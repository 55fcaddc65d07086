// A small demo-like network straight in the tables: a channel on a one-minute grid airing a sitcom all day,
// its breaks filled with bumpers and commercials, its playlog built by the real horizon. Asset paths point at
// `files` when given (real media for the engine), else at paths that do not exist.
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.js';
import { advanceHorizons } from '../../src/scheduling/horizon.js';
import { assignInterstitials } from '../../src/scheduling/interstitial-repository.js';
import { insertProgram } from '../../src/scheduling/program-repository.js';
import { insertSchedulePlan, insertZone } from '../../src/scheduling/schedule-plan-repository.js';
import { seedCatalog, seedChannel, type SeededCatalog } from '../scheduling/scheduling-db-fixtures.js';

export interface NetworkMedia {
  /** Seconds of each kind of asset (whole seconds). */
  readonly episodeSeconds: number;
  readonly bumperSeconds: number;
  readonly commercialSeconds: number;
  /** The second commercial's length (default: commercialSeconds). */
  readonly secondCommercialSeconds?: number;
  /** Real files by kind, when the engine is to play the network. */
  readonly files?: { readonly episode: string; readonly bumper: string; readonly commercial: string; readonly secondCommercial?: string };
}

export const shortNetwork: NetworkMedia = { episodeSeconds: 40, bumperSeconds: 4, commercialSeconds: 6 };

/** Midnight in New York is 05:00Z; the programming day starts 06:00 local. */
export const networkNow = Date.parse('2026-11-24T15:00:00Z');

export async function seedPlayoutNetwork(db: Kysely<Schema>, media: NetworkMedia = shortNetwork, channelId = 'retro1'): Promise<SeededCatalog> {
  const catalog = await seedCatalog(db, ['Series', 'Bumpers', 'Commercials'], [
    ...Array.from({ length: 6 }, (_, i) => ({ key: `sitcom-${i + 1}`, collection: 'Series', seconds: media.episodeSeconds, series: 'Sitcom', season: 1, episode: i + 1 })),
    { key: 'bumper-1', collection: 'Bumpers', seconds: media.bumperSeconds, kind: 'bumper' },
    { key: 'ad-1', collection: 'Commercials', seconds: media.commercialSeconds, kind: 'commercial' },
    { key: 'ad-2', collection: 'Commercials', seconds: media.secondCommercialSeconds ?? media.commercialSeconds, kind: 'commercial' },
  ]);
  if (media.files !== undefined) {
    const files = media.files;
    for (const [key, id] of Object.entries(catalog.assets)) {
      const path = key.startsWith('sitcom') ? files.episode : key.startsWith('bumper') ? files.bumper : key === 'ad-2' ? (files.secondCommercial ?? files.commercial) : files.commercial;
      await db.updateTable('asset').set({ path }).where('id', '=', id).execute();
    }
  }
  await seedChannel(db, channelId, { grid: 1 });
  const sitcom = await insertProgram(db, {
    name: `Sitcom ${channelId}`, kind: 'series', playMode: 'sequential', allowBreaks: true,
    assetChain: [{ kind: 'series', series: 'Sitcom', season: null, collectionId: catalog.collections['Series'] as string }],
    description: null, categories: ['Comedy'],
  });
  const plan = await insertSchedulePlan(db, { channelId, name: 'base', daysOfWeek: null, startDate: null, endDate: null, priority: 0 });
  await insertZone(db, plan.id, { name: 'All day', startMinute: 0, endMinute: 1440, daysOfWeek: null, items: [{ kind: 'program', programId: sitcom.id }] });
  for (const [name, role] of [['Bumpers', 'bumper'], ['Commercials', 'commercial']] as const) {
    await assignInterstitials(db, { channelId, collectionId: catalog.collections[name] as string, role });
  }
  return catalog;
}

/** Builds the channel's schedule and playlog around `nowMs` (a couple of hours ahead). */
export async function buildPlaylog(db: Kysely<Schema>, nowMs: number, channelId = 'retro1'): Promise<void> {
  const [report] = await advanceHorizons(db, { epgDays: 0, playlogHours: 3, nowMs, channelIds: [channelId] });
  if (report?.error !== undefined && report.error !== null) throw new Error(`horizon failed: ${report.error}`);
}

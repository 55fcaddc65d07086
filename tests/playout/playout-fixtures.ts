// A small demo-like network straight in the tables: a channel on a one-minute grid airing a sitcom all day,
// its breaks filled with bumpers and commercials, its playlog built by the real horizon. Asset paths point at
// `files` when given (real media for the engine), else at paths that do not exist.
import { statSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.js';
import { advanceHorizons } from '../../src/scheduling/horizon/horizon.js';
import { assignInterstitials } from '../../src/scheduling/library/interstitial-repository.js';
import { insertProgram } from '../../src/scheduling/library/program-repository.js';
import { insertSchedulePlan, insertZone } from '../../src/scheduling/plans/schedule-plan-repository.js';
import { seedCatalog, seedChannel, type SeededCatalog } from '../scheduling/scheduling-db-fixtures.js';

export interface NetworkMedia {
  /** Seconds of each kind of asset (whole seconds). */
  readonly episodeSeconds: number;
  readonly bumperSeconds: number;
  readonly commercialSeconds: number;
  /** The second commercial's length (default: commercialSeconds). */
  readonly secondCommercialSeconds?: number;
  /** Real files by kind, when the engine is to play the network (their size and mtime are recorded as ingest would). */
  readonly files?: { readonly episode: string; readonly bumper: string; readonly commercial: string; readonly secondCommercial?: string };
  /** Episodes of the sitcom (default 6). */
  readonly episodes?: number;
  /** Those of `files` without an audio stream. */
  readonly silentFiles?: readonly string[];
}

export const shortNetwork: NetworkMedia = { episodeSeconds: 40, bumperSeconds: 4, commercialSeconds: 6 };

/** Midnight in New York is 05:00Z; the programming day starts 06:00 local. */
export const networkNow = Date.parse('2026-11-24T15:00:00Z');

export async function seedPlayoutNetwork(db: Kysely<Schema>, media: NetworkMedia = shortNetwork, channelId = 'retro1'): Promise<SeededCatalog> {
  const catalog = await seedCatalog(db, ['Series', 'Bumpers', 'Commercials'], [
    ...Array.from({ length: media.episodes ?? 6 }, (_, i) => ({ key: `sitcom-${i + 1}`, collection: 'Series', seconds: media.episodeSeconds, series: 'Sitcom', season: 1, episode: i + 1 })),
    { key: 'bumper-1', collection: 'Bumpers', seconds: media.bumperSeconds, kind: 'bumper' },
    { key: 'ad-1', collection: 'Commercials', seconds: media.commercialSeconds, kind: 'commercial' },
    { key: 'ad-2', collection: 'Commercials', seconds: media.secondCommercialSeconds ?? media.commercialSeconds, kind: 'commercial' },
  ]);
  if (media.files !== undefined) {
    const files = media.files;
    for (const [key, id] of Object.entries(catalog.assets)) {
      const path = key.startsWith('sitcom') ? files.episode : key.startsWith('bumper') ? files.bumper : key === 'ad-2' ? (files.secondCommercial ?? files.commercial) : files.commercial;
      const stat = statSync(path, { throwIfNoEntry: false });
      const audio = media.silentFiles?.includes(path) ? [] : [{ codec: 'aac', channels: 2, sampleRate: 48000 }];
      const video = { codec: 'h264', width: 320, height: 240, frameRate: 29.97, frameRateFraction: '30000/1001', scan: 'progressive' };
      await db.updateTable('asset').set({
        path, audio: JSON.stringify(audio), video: JSON.stringify(video),
        ...(stat === undefined ? {} : { size_bytes: stat.size, mtime_ms: Math.trunc(stat.mtimeMs) }),
      }).where('id', '=', id).execute();
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

export interface ClipAsset {
  readonly key: string;
  readonly path: string;
  readonly seconds: number;
  readonly silent?: boolean;
}

/** A collection lib/Clips of real files, recorded as ingest would (size, mtime, streams); ids by key. */
export async function seedClips(db: Kysely<Schema>, clips: readonly ClipAsset[]): Promise<SeededCatalog> {
  const catalog = await seedCatalog(db, ['Clips'], clips.map((c) => ({ key: c.key, collection: 'Clips', seconds: c.seconds, kind: 'commercial' })));
  for (const clip of clips) {
    const stat = statSync(clip.path);
    await db.updateTable('asset').set({
      path: clip.path, size_bytes: stat.size, mtime_ms: Math.trunc(stat.mtimeMs),
      audio: JSON.stringify(clip.silent === true ? [] : [{ codec: 'aac', channels: 2, sampleRate: 48000 }]),
      video: JSON.stringify({ codec: 'h264', width: 320, height: 240, frameRate: 29.97, frameRateFraction: '30000/1001', scan: 'progressive' }),
    }).where('id', '=', catalog.assets[clip.key] as string).execute();
  }
  return catalog;
}

// Asset renditions: the copies of an asset normalised to an output profile, each recorded with the size and
// mtime of the source file it was made from (whether it still plays is src/catalog/playable-file.ts's rule).
import type { Kysely, Selectable } from 'kysely';
import type { AssetRow, AssetTable } from '../db/schema.js';
import { type AssetStreams, chooseTreatment, defaultPresentation, type Presentation } from '../media/stream-choice.js';
import { treatmentKey } from '../media/source-treatment.js';
import type { AssetRenditionTable } from '../db/playout-schema.js';
import type { Schema } from '../db/schema.js';
import type { ResolvedMedia } from '../plugins/producer.js';

export type RenditionRow = Selectable<AssetRenditionTable>;

/**
 * Each asset's media now, for the given asset ids: its file, how it airs on a channel of `presentation`
 * (its treatment) and its rendition for `profile` made with that treatment, if one was made; or, for an
 * asset the catalog no longer has ready (gone, missing at the last ingest, invalid), why.
 */
export async function currentMedia(
  db: Kysely<Schema>, assetIds: readonly string[], profile: string, presentation: Presentation = defaultPresentation,
): Promise<Map<string, ResolvedMedia>> {
  const ids = [...new Set(assetIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('asset')
    .select(['id', 'path', 'state', 'invalid_reason', 'video', 'audio', 'subtitles'])
    .where('id', 'in', ids)
    .execute();
  const renditions = await db
    .selectFrom('asset_rendition')
    .select(['asset_id', 'treatment_key', 'path', 'source_size_bytes', 'source_mtime_ms'])
    .where('asset_id', 'in', ids)
    .where('profile', '=', profile)
    .execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  return new Map(ids.map((id) => [id, mediaOf(id, found.get(id), renditions.filter((r) => r.asset_id === id), profile, presentation)]));
}

type MediaRow = Pick<AssetRow, 'path' | 'state' | 'invalid_reason' | 'video' | 'audio' | 'subtitles'>;
type RenditionKeyRow = Pick<RenditionRow, 'treatment_key' | 'path' | 'source_size_bytes' | 'source_mtime_ms'>;

function mediaOf(id: string, row: MediaRow | undefined, renditions: readonly RenditionKeyRow[], profile: string, presentation: Presentation): ResolvedMedia {
  if (row === undefined) return { kind: 'vanished', reason: `asset ${id} is no longer in the catalog` };
  const gone = vanishedReason(id, row);
  if (gone !== null) return { kind: 'vanished', reason: gone };
  const treatment = chooseTreatment({ video: row.video, audio: row.audio, subtitles: row.subtitles }, presentation);
  const key = treatmentKey(treatment);
  const made = renditions.find((r) => r.treatment_key === key);
  if (made === undefined) return { kind: 'file', path: row.path, treatment };
  const rendition = { path: made.path, profile, sourceSizeBytes: Number(made.source_size_bytes), sourceMtimeMs: Number(made.source_mtime_ms), treatmentKey: key };
  return { kind: 'file', path: row.path, rendition, treatment };
}

/** Only a ready asset plays: one missing since the last ingest, invalid, or never probed does not. */
function vanishedReason(id: string, asset: Pick<AssetTable, 'path' | 'state' | 'invalid_reason'>): string | null {
  switch (asset.state) {
    case 'ready':
      return null;
    case 'missing':
      return `asset ${id} (${asset.path}) was missing at the last ingest of its collection`;
    case 'invalid':
      return `asset ${id} (${asset.path}) is invalid: ${asset.invalid_reason ?? 'no reason recorded'}`;
    case 'new':
      return `asset ${id} (${asset.path}) is not ready (never probed)`;
  }
}

/** Records (or replaces) an asset's rendition for a profile and treatment. */
export async function upsertRendition(db: Kysely<Schema>, row: Omit<RenditionRow, 'created_at'> & { created_at: Date }): Promise<void> {
  await db
    .insertInto('asset_rendition')
    .values(row)
    .onConflict((oc) => oc.columns(['asset_id', 'profile', 'treatment_key']).doUpdateSet({
      path: row.path, size_bytes: row.size_bytes, duration_ms: row.duration_ms,
      source_size_bytes: row.source_size_bytes, source_mtime_ms: row.source_mtime_ms, created_at: row.created_at,
    }))
    .execute();
}

/** A recorded rendition, as `asset normalize` checks it. */
export interface RecordedRendition {
  readonly treatmentKey: string;
  readonly path: string;
  readonly sizeBytes: number;
  readonly sourceSizeBytes: number;
  readonly sourceMtimeMs: number;
}

/** A ready asset with a video stream, as `asset normalize` sees it: its streams and its renditions for the profile. */
export interface RenditionCandidate {
  readonly id: string;
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly durationMs: number;
  readonly streams: AssetStreams;
  readonly renditions: readonly RecordedRendition[];
}

/** Every ready asset with a duration and a video stream (of one collection, or all), by path, with its renditions for `profile`. */
export async function renditionCandidates(db: Kysely<Schema>, profile: string, collectionId: string | undefined): Promise<RenditionCandidate[]> {
  let query = db
    .selectFrom('asset')
    .select(['id', 'path', 'size_bytes', 'mtime_ms', 'duration_ms', 'video', 'audio', 'subtitles'])
    .where('state', '=', 'ready')
    .where('duration_ms', 'is not', null)
    .where('video', 'is not', null)
    .orderBy('path');
  if (collectionId !== undefined) query = query.where('collection_id', '=', collectionId);
  const assets = await query.execute();
  const renditions = assets.length === 0 ? [] : await db
    .selectFrom('asset_rendition')
    .select(['asset_id', 'treatment_key', 'path', 'size_bytes', 'source_size_bytes', 'source_mtime_ms'])
    .where('profile', '=', profile)
    .where('asset_id', 'in', assets.map((a) => a.id))
    .execute();
  return assets.map((r) => ({
    id: r.id, path: r.path, sizeBytes: Number(r.size_bytes), mtimeMs: Number(r.mtime_ms), durationMs: Number(r.duration_ms),
    streams: { video: r.video, audio: r.audio, subtitles: r.subtitles },
    renditions: renditions.filter((x) => x.asset_id === r.id).map((x) => ({
      treatmentKey: x.treatment_key, path: x.path, sizeBytes: Number(x.size_bytes), sourceSizeBytes: Number(x.source_size_bytes), sourceMtimeMs: Number(x.source_mtime_ms),
    })),
  }));
}

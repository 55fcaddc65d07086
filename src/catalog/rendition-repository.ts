// Asset renditions: the copies of an asset normalised to an output profile, each recorded with the size and
// mtime of the source file it was made from (whether it still plays is src/catalog/playable-file.ts's rule).
import type { Kysely, Selectable } from 'kysely';
import type { AssetTable } from '../db/schema.js';
import type { AssetRenditionTable } from '../db/playout-schema.js';
import type { Schema } from '../db/schema.js';
import type { ResolvedMedia } from '../plugins/producer.js';

export type RenditionRow = Selectable<AssetRenditionTable>;

/**
 * Each asset's media now, for the given asset ids: its file and its rendition for `profile` if one was
 * made; or, for an asset the catalog no longer has ready (gone, missing at the last ingest, invalid), why.
 */
export async function currentMedia(db: Kysely<Schema>, assetIds: readonly string[], profile: string): Promise<Map<string, ResolvedMedia>> {
  const ids = [...new Set(assetIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('asset')
    .leftJoin('asset_rendition', (join) => join.onRef('asset_rendition.asset_id', '=', 'asset.id').on('asset_rendition.profile', '=', profile))
    .select(['asset.id', 'asset.path', 'asset.state', 'asset.invalid_reason', 'asset_rendition.path as rendition_path', 'asset_rendition.source_size_bytes', 'asset_rendition.source_mtime_ms'])
    .where('asset.id', 'in', ids)
    .execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  return new Map(ids.map((id) => [id, mediaOf(id, found.get(id), profile)]));
}

interface MediaRow extends Pick<AssetTable, 'path' | 'state' | 'invalid_reason'> {
  readonly rendition_path: string | null;
  readonly source_size_bytes: number | null;
  readonly source_mtime_ms: number | null;
}

function mediaOf(id: string, row: MediaRow | undefined, profile: string): ResolvedMedia {
  if (row === undefined) return { kind: 'vanished', reason: `asset ${id} is no longer in the catalog` };
  const gone = vanishedReason(id, row);
  if (gone !== null) return { kind: 'vanished', reason: gone };
  if (row.rendition_path === null) return { kind: 'file', path: row.path };
  const rendition = { path: row.rendition_path, profile, sourceSizeBytes: Number(row.source_size_bytes), sourceMtimeMs: Number(row.source_mtime_ms) };
  return { kind: 'file', path: row.path, rendition };
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

export function renditionOf(db: Kysely<Schema>, assetId: string, profile: string): Promise<RenditionRow | undefined> {
  return db.selectFrom('asset_rendition').selectAll().where('asset_id', '=', assetId).where('profile', '=', profile).executeTakeFirst();
}

/** Records (or replaces) an asset's rendition for a profile. */
export async function upsertRendition(db: Kysely<Schema>, row: Omit<RenditionRow, 'created_at'> & { created_at: Date }): Promise<void> {
  await db
    .insertInto('asset_rendition')
    .values(row)
    .onConflict((oc) => oc.columns(['asset_id', 'profile']).doUpdateSet({
      path: row.path, size_bytes: row.size_bytes, duration_ms: row.duration_ms,
      source_size_bytes: row.source_size_bytes, source_mtime_ms: row.source_mtime_ms, created_at: row.created_at,
    }))
    .execute();
}

export async function deleteRendition(db: Kysely<Schema>, assetId: string, profile: string): Promise<void> {
  await db.deleteFrom('asset_rendition').where('asset_id', '=', assetId).where('profile', '=', profile).execute();
}

/** A ready asset with a video stream, as `asset normalize` sees it, and its rendition for the profile if one was made. */
export interface RenditionCandidate {
  readonly id: string;
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly durationMs: number;
  readonly hasAudio: boolean;
  readonly rendition: { readonly path: string; readonly sizeBytes: number; readonly sourceSizeBytes: number; readonly sourceMtimeMs: number } | null;
}

/** Every ready asset with a duration and a video stream (of one collection, or all), by path, with its rendition for `profile`. */
export async function renditionCandidates(db: Kysely<Schema>, profile: string, collectionId: string | undefined): Promise<RenditionCandidate[]> {
  let query = db
    .selectFrom('asset')
    .leftJoin('asset_rendition', (join) => join.onRef('asset_rendition.asset_id', '=', 'asset.id').on('asset_rendition.profile', '=', profile))
    .select(['asset.id', 'asset.path', 'asset.size_bytes', 'asset.mtime_ms', 'asset.duration_ms', 'asset.audio',
      'asset_rendition.path as rendition_path', 'asset_rendition.size_bytes as rendition_size', 'asset_rendition.source_size_bytes', 'asset_rendition.source_mtime_ms'])
    .where('asset.state', '=', 'ready')
    .where('asset.duration_ms', 'is not', null)
    .where('asset.video', 'is not', null)
    .orderBy('asset.path');
  if (collectionId !== undefined) query = query.where('asset.collection_id', '=', collectionId);
  return (await query.execute()).map((r) => ({
    id: r.id, path: r.path, sizeBytes: Number(r.size_bytes), mtimeMs: Number(r.mtime_ms), durationMs: Number(r.duration_ms), hasAudio: r.audio.length > 0,
    rendition: r.rendition_path === null ? null : {
      path: r.rendition_path, sizeBytes: Number(r.rendition_size), sourceSizeBytes: Number(r.source_size_bytes), sourceMtimeMs: Number(r.source_mtime_ms),
    },
  }));
}

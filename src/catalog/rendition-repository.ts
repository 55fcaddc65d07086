// Asset renditions: the copies of an asset normalised to an output profile. A rendition is valid while the
// asset's file keeps the size and mtime it had when the rendition was made; the catalog records both.
import type { Kysely, Selectable } from 'kysely';
import type { AssetRenditionTable } from '../db/playout-schema.js';
import type { Schema } from '../db/schema.js';

export type RenditionRow = Selectable<AssetRenditionTable>;

/** Where each asset's file is and its rendition for `profile` when still valid, for the given asset ids. */
export async function currentMedia(
  db: Kysely<Schema>, assetIds: readonly string[], profile: string,
): Promise<Map<string, { path: string; state: string; rendition?: { path: string; profile: string } }>> {
  const media = new Map<string, { path: string; state: string; rendition?: { path: string; profile: string } }>();
  if (assetIds.length === 0) return media;
  const rows = await db
    .selectFrom('asset')
    .leftJoin('asset_rendition', (join) => join.onRef('asset_rendition.asset_id', '=', 'asset.id').on('asset_rendition.profile', '=', profile))
    .select(['asset.id', 'asset.path', 'asset.state', 'asset.size_bytes', 'asset.mtime_ms', 'asset_rendition.path as rendition_path', 'asset_rendition.source_size_bytes', 'asset_rendition.source_mtime_ms'])
    .where('asset.id', 'in', [...new Set(assetIds)])
    .execute();
  for (const r of rows) {
    const valid = r.rendition_path !== null && Number(r.source_size_bytes) === Number(r.size_bytes) && Number(r.source_mtime_ms) === Number(r.mtime_ms);
    media.set(r.id, { path: r.path, state: r.state, ...(valid && r.rendition_path !== null ? { rendition: { path: r.rendition_path, profile } } : {}) });
  }
  return media;
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

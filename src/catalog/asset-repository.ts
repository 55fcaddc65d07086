// Asset persistence: the Asset with its ProviderRef and where it lives, operator edits, counts by state, the
// assets an ingest already knows and the batches it writes (an asset and its ProviderRef together, or
// neither), and vanished assets marked missing.
import { type Kysely, sql } from 'kysely';
import type { Collection } from '../../generated/contract-types.js';
import { RetroVueError } from '../core/errors.js';
import type { AssetRowUpdate, AssetState, Schema } from '../db/schema.js';
import type { SidecarFile } from '../media/sidecar-subtitles.js';
import type { AssetDraft } from '../plugins/enricher.js';
import { stateOf } from './asset-state.js';
import { isUuid } from './catalog-ref.js';

function assetWithRefsQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('asset')
    .innerJoin('collection', 'collection.id', 'asset.collection_id')
    .innerJoin('source', 'source.id', 'collection.source_id')
    .innerJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
    .selectAll('asset')
    .select(['collection.name as collection_name', 'source.name as source_name', 'provider_ref.importer', 'provider_ref.external_id']);
}

/** An asset row with its collection's and source's names and its ProviderRef. */
export type AssetWithRefs = Awaited<ReturnType<ReturnType<typeof assetWithRefsQuery>['executeTakeFirstOrThrow']>>;

export interface AssetFilter {
  readonly collectionId?: string | undefined;
  /** Case-insensitive series name. */
  readonly series?: string | undefined;
  readonly state?: AssetState | undefined;
  /** Every word must occur in the title, the series or the relative path. */
  readonly text?: string | undefined;
}

/** Matching assets in browsing order: series, season, episode (unnamed last), then path. */
export function listAssets(db: Kysely<Schema>, filter: AssetFilter): Promise<AssetWithRefs[]> {
  let query = assetWithRefsQuery(db);
  if (filter.collectionId !== undefined) query = query.where('asset.collection_id', '=', filter.collectionId);
  if (filter.series !== undefined) query = query.where(sql<boolean>`lower(asset.series) = lower(${filter.series})`);
  if (filter.state !== undefined) query = query.where('asset.state', '=', filter.state);
  for (const word of filter.text?.split(/\s+/).filter(Boolean) ?? []) {
    const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('asset.title', 'ilike', like), eb('asset.series', 'ilike', like), eb('asset.relative_path', 'ilike', like)]));
  }
  return query
    .orderBy(sql`asset.series asc nulls last`)
    .orderBy(sql`asset.season asc nulls last`)
    .orderBy(sql`asset.episode asc nulls last`)
    .orderBy('asset.relative_path')
    .execute();
}

export async function requireAsset(db: Kysely<Schema>, id: string): Promise<AssetWithRefs> {
  const row = isUuid(id) ? await assetWithRefsQuery(db).where('asset.id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new RetroVueError('not_found', `asset "${id}" does not exist; see retrovue asset list`);
  return row;
}

/** The asset's id as the catalog spells it, if it holds one of that id (a malformed id names none). */
export async function findAssetId(db: Kysely<Schema>, id: string): Promise<string | undefined> {
  return isUuid(id) ? (await db.selectFrom('asset').select('id').where('id', '=', id).executeTakeFirst())?.id : undefined;
}

/** Whether any asset (in any state) belongs to the series, by its exact name. */
export async function seriesExists(db: Kysely<Schema>, series: string): Promise<boolean> {
  return (await db.selectFrom('asset').select('id').where('series', '=', series).limit(1).executeTakeFirst()) !== undefined;
}

export async function updateAssetRow(db: Kysely<Schema>, id: string, changes: AssetRowUpdate): Promise<void> {
  await db.updateTable('asset').set(changes).where('id', '=', id).execute();
}

// --- counts ---------------------------------------------------------------------------------------

export type AssetCounts = { -readonly [State in keyof Collection['assets']]: number };

export const noAssets = (): AssetCounts => ({ new: 0, ready: 0, invalid: 0, missing: 0 });

/** Each collection's assets by state (every collection given is present, with zeros where it has none). */
export async function assetCounts(db: Kysely<Schema>, collectionIds: readonly string[]): Promise<Map<string, AssetCounts>> {
  const result = new Map<string, AssetCounts>(collectionIds.map((id) => [id, noAssets()]));
  if (collectionIds.length === 0) return result;
  const rows = await db
    .selectFrom('asset')
    .select(['collection_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('collection_id', 'in', collectionIds)
    .groupBy(['collection_id', 'state'])
    .execute();
  for (const row of rows) {
    const counts = result.get(row.collection_id);
    if (counts) counts[row.state] = Number(row.n);
  }
  return result;
}

/** How many assets the source's collections hold, in every state. */
export async function countAssetsOfSource(db: Kysely<Schema>, sourceId: string): Promise<number> {
  const row = await db
    .selectFrom('asset')
    .innerJoin('collection', 'collection.id', 'asset.collection_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collection.source_id', '=', sourceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// --- what an ingest needs to know ------------------------------------------------------------------

/** An asset as an ingest plan sees it: matched to files by its ProviderRef's external id. */
export interface KnownAsset {
  readonly id: string;
  readonly providerKey: string;
  /** The source's version of the item when last ingested (null for a source that keeps none). */
  readonly providerVersion: string | null;
  /** The file's local path as last ingested. */
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly state: AssetState;
  /** Why it is invalid (null unless state is invalid). */
  readonly invalidReason?: string | null;
  readonly operatorFields: readonly string[];
  /** Signature of the enricher chain that last enriched it. */
  readonly enrichedWith?: string | null;
  /** The subtitle files beside it when it was last enriched. */
  readonly sidecars: readonly SidecarFile[];
}

export async function knownAssets(db: Kysely<Schema>, collectionId: string): Promise<KnownAsset[]> {
  const rows = await db
    .selectFrom('asset')
    .innerJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
    .select(['asset.id', 'provider_ref.external_id', 'provider_ref.external_version', 'asset.path', 'asset.size_bytes', 'asset.mtime_ms', 'asset.state', 'asset.invalid_reason', 'asset.operator_fields', 'asset.enriched_with', 'asset.sidecars'])
    .where('asset.collection_id', '=', collectionId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    providerKey: r.external_id,
    providerVersion: r.external_version,
    path: r.path,
    sizeBytes: Number(r.size_bytes),
    mtimeMs: Number(r.mtime_ms),
    state: r.state,
    invalidReason: r.invalid_reason,
    operatorFields: r.operator_fields,
    enrichedWith: r.enriched_with,
    sidecars: r.sidecars,
  }));
}

// --- what an ingest writes ------------------------------------------------------------------------

export interface EnrichedItem {
  readonly draft: AssetDraft;
  readonly existing?: KnownAsset;
}

/** Columns an ingest owns; operator-set ones (operator_fields) are left alone on re-ingest. */
function ingestColumns(draft: AssetDraft, now: Date, enrichedWith: string) {
  const state = stateOf(draft);
  return {
    path: draft.path,
    relative_path: draft.relativePath,
    size_bytes: draft.sizeBytes,
    mtime_ms: draft.mtimeMs,
    state,
    invalid_reason: state === 'invalid' ? (draft.invalidReason ?? 'invalid') : null,
    duration_ms: state === 'invalid' ? null : (draft.durationMs ?? null),
    container: draft.container ?? null,
    video: draft.video ? JSON.stringify(draft.video) : null,
    audio: JSON.stringify(draft.audio),
    subtitles: JSON.stringify(draft.subtitles),
    sidecars: JSON.stringify(draft.sidecars),
    chapters: JSON.stringify(draft.chapters),
    kind: draft.kind,
    title: draft.title,
    series: draft.series ?? null,
    season: draft.season ?? null,
    episode: draft.episode ?? null,
    year: draft.year ?? null,
    metadata: JSON.stringify(draft.metadata),
    updated_at: now,
    enriched_at: now,
    enriched_with: enrichedWith,
    missing_since: null,
  };
}

export interface BatchTarget {
  readonly collectionId: string;
  readonly sourceId: string;
  readonly importer: string;
  /** The enricher chain that produced the batch (see chainSignature). */
  readonly chainSignature: string;
}

export async function writeBatch(db: Kysely<Schema>, target: BatchTarget, batch: readonly EnrichedItem[], now: Date): Promise<void> {
  if (batch.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const fresh = batch.filter((b) => !b.existing);
    if (fresh.length > 0) {
      const inserted = await trx
        .insertInto('asset')
        .values(fresh.map((b) => ({ ...ingestColumns(b.draft, now, target.chainSignature), collection_id: target.collectionId, created_at: now })))
        .returning(['id', 'relative_path'])
        .execute();
      // Rows come back in insertion order; the relative path pairs them with their items regardless.
      const idOf = new Map(inserted.map((r) => [r.relative_path, r.id]));
      await trx
        .insertInto('provider_ref')
        .values(
          fresh.map((b) => ({
            asset_id: idOf.get(b.draft.relativePath) as string,
            source_id: target.sourceId,
            importer: target.importer,
            external_id: b.draft.providerKey,
            external_version: b.draft.providerVersion ?? null,
          })),
        )
        .execute();
    }
    for (const b of batch) {
      if (!b.existing) continue;
      const columns: AssetRowUpdate = ingestColumns(b.draft, now, target.chainSignature);
      if (b.existing.operatorFields.includes('title')) delete columns.title;
      await trx.updateTable('asset').set(columns).where('id', '=', b.existing.id).execute();
      if ((b.draft.providerVersion ?? null) !== b.existing.providerVersion) {
        await trx.updateTable('provider_ref').set({ external_version: b.draft.providerVersion ?? null }).where('asset_id', '=', b.existing.id).execute();
      }
    }
  });
}

export async function markMissing(db: Kysely<Schema>, assetIds: readonly string[], now: Date): Promise<void> {
  if (assetIds.length === 0) return;
  await db.updateTable('asset').set({ state: 'missing', missing_since: now, updated_at: now }).where('id', 'in', assetIds).execute();
}

/** Each asset's file as the catalog has it now, for the given ids (an id the catalog lacks is left out). */
export async function assetPaths(db: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('asset').select(['id', 'path']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

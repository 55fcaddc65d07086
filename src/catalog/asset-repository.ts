// Asset reads and operator edits: the Asset with its ProviderRef and where it lives, the assets an ingest
// already knows, and counts by state. Ingest writes go through asset-writer.ts.
import { type Kysely, sql } from 'kysely';
import type { Collection } from '../../generated/contract-types.js';
import { RetroVueError } from '../core/errors.js';
import type { AssetRowUpdate, AssetState, Schema } from '../db/schema.js';
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
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly state: AssetState;
  /** Why it is invalid (null unless state is invalid). */
  readonly invalidReason?: string | null;
  readonly operatorFields: readonly string[];
  /** Signature of the enricher chain that last enriched it. */
  readonly enrichedWith?: string | null;
}

export async function knownAssets(db: Kysely<Schema>, collectionId: string): Promise<KnownAsset[]> {
  const rows = await db
    .selectFrom('asset')
    .innerJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
    .select(['asset.id', 'provider_ref.external_id', 'asset.size_bytes', 'asset.mtime_ms', 'asset.state', 'asset.invalid_reason', 'asset.operator_fields', 'asset.enriched_with'])
    .where('asset.collection_id', '=', collectionId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    providerKey: r.external_id,
    sizeBytes: Number(r.size_bytes),
    mtimeMs: Number(r.mtime_ms),
    state: r.state,
    invalidReason: r.invalid_reason,
    operatorFields: r.operator_fields,
    enrichedWith: r.enriched_with,
  }));
}

/** Each asset's file as the catalog has it now, for the given ids (an id the catalog lacks is left out). */
export async function assetPaths(db: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('asset').select(['id', 'path']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

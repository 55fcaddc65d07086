// Catalog reads shared by the source, collection, asset and enricher commands: finding things by the
// names operators type, and the attached enrichers and asset counts a collection is shown with.
import type { Kysely } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { AssetState, CollectionRow, Schema, SourceRow } from '../db/schema.js';
import { type AssetCounts, type CollectionJson, collectionToJson } from './catalog-json.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}

export async function requireSource(db: Kysely<Schema>, ref: string): Promise<SourceRow> {
  const row = await db
    .selectFrom('source')
    .selectAll()
    .where((eb) => (isUuid(ref) ? eb.or([eb('id', '=', ref), eb('name', '=', ref)]) : eb('name', '=', ref)))
    .executeTakeFirst();
  if (!row) throw new RetroVueError('not_found', `source "${ref}" does not exist; see retrovue source list`);
  return row;
}

export interface ResolvedCollection {
  readonly collection: CollectionRow;
  readonly source: SourceRow;
}

/** Finds a collection by "<source>/<name>" or by id. */
export async function requireCollection(db: Kysely<Schema>, ref: string): Promise<ResolvedCollection> {
  const notFound = () =>
    new RetroVueError('not_found', `collection "${ref}" does not exist; see retrovue collection list (refer to it as <source>/<name>)`);
  let collection: CollectionRow | undefined;
  if (isUuid(ref)) {
    collection = await db.selectFrom('collection').selectAll().where('id', '=', ref).executeTakeFirst();
  } else {
    const slash = ref.indexOf('/');
    if (slash <= 0) throw notFound();
    const source = await db.selectFrom('source').select('id').where('name', '=', ref.slice(0, slash)).executeTakeFirst();
    if (source) {
      collection = await db
        .selectFrom('collection')
        .selectAll()
        .where('source_id', '=', source.id)
        .where('name', '=', ref.slice(slash + 1))
        .executeTakeFirst();
    }
  }
  if (!collection) throw notFound();
  const source = await db.selectFrom('source').selectAll().where('id', '=', collection.source_id).executeTakeFirstOrThrow();
  return { collection, source };
}

export async function attachedEnricherIds(db: Kysely<Schema>, collectionIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(collectionIds.map((id) => [id, []]));
  if (collectionIds.length === 0) return result;
  const rows = await db
    .selectFrom('collection_enricher')
    .select(['collection_id', 'enricher_id'])
    .where('collection_id', 'in', collectionIds)
    .orderBy('collection_id')
    .orderBy('position')
    .execute();
  for (const row of rows) result.get(row.collection_id)?.push(row.enricher_id);
  return result;
}

export async function assetCounts(db: Kysely<Schema>, collectionIds: readonly string[]): Promise<Map<string, AssetCounts>> {
  const empty = (): AssetCounts => ({ new: 0, ready: 0, invalid: 0, missing: 0 });
  const result = new Map<string, AssetCounts>(collectionIds.map((id) => [id, empty()]));
  if (collectionIds.length === 0) return result;
  const rows = await db
    .selectFrom('asset')
    .select(['collection_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('collection_id', 'in', collectionIds)
    .groupBy(['collection_id', 'state'])
    .execute();
  for (const row of rows) {
    const counts = result.get(row.collection_id);
    if (counts) counts[row.state as AssetState] = Number(row.n);
  }
  return result;
}

/** Collections as shown to operators, in one query per aspect rather than one per collection. */
export async function collectionsToJson(db: Kysely<Schema>, rows: readonly CollectionRow[]): Promise<CollectionJson[]> {
  const ids = rows.map((r) => r.id);
  const sourceIds = [...new Set(rows.map((r) => r.source_id))];
  const [enrichers, counts, sources] = await Promise.all([
    attachedEnricherIds(db, ids),
    assetCounts(db, ids),
    sourceIds.length === 0 ? [] : db.selectFrom('source').select(['id', 'name']).where('id', 'in', sourceIds).execute(),
  ]);
  const sourceName = new Map(sources.map((s) => [s.id, s.name]));
  return rows
    .map((row) =>
      collectionToJson(row, sourceName.get(row.source_id) ?? '?', enrichers.get(row.id) ?? [], counts.get(row.id) ?? { new: 0, ready: 0, invalid: 0, missing: 0 }),
    )
    .sort((a, b) => a.ref.localeCompare(b.ref));
}


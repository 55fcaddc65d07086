// Collection persistence, with each collection's ordered chain of ingest enrichers: the only place that
// reads or writes the collection and collection_enricher tables.
import type { Kysely } from 'kysely';
import type { Collection } from '../../generated/contract-types.js';
import { RetroVueError } from '../core/errors.js';
import type { CollectionRow, CollectionRowUpdate, EnricherRow, NewCollectionRow, Schema, SourceRow } from '../db/schema.js';
import { assetCounts, noAssets } from './asset-repository.js';
import { collectionToJson } from './catalog-json.js';
import { collectionRef, isUuid, parseCollectionRef } from './catalog-ref.js';
import { sourceNames } from './source-repository.js';

export interface ResolvedCollection {
  readonly collection: CollectionRow;
  readonly source: SourceRow;
}

/** Finds a collection by "<source>/<name>" or by id, with its source; `not_found` names the ref. */
export async function requireCollection(db: Kysely<Schema>, ref: string): Promise<ResolvedCollection> {
  const notFound = () =>
    new RetroVueError('not_found', `collection "${ref}" does not exist; see retrovue collection list (refer to it as <source>/<name>)`);
  let collection: CollectionRow | undefined;
  if (isUuid(ref)) {
    collection = await db.selectFrom('collection').selectAll().where('id', '=', ref).executeTakeFirst();
  } else {
    const parts = parseCollectionRef(ref);
    if (!parts) throw notFound();
    collection = await db
      .selectFrom('collection')
      .innerJoin('source', 'source.id', 'collection.source_id')
      .selectAll('collection')
      .where('source.name', '=', parts.source)
      .where('collection.name', '=', parts.name)
      .executeTakeFirst();
  }
  if (!collection) throw notFound();
  const source = await db.selectFrom('source').selectAll().where('id', '=', collection.source_id).executeTakeFirstOrThrow();
  return { collection, source };
}

export function listCollectionRows(db: Kysely<Schema>, filter: { readonly sourceId?: string } = {}): Promise<CollectionRow[]> {
  let query = db.selectFrom('collection').selectAll();
  if (filter.sourceId !== undefined) query = query.where('source_id', '=', filter.sourceId);
  return query.execute();
}

/** How many collections each source has (sources without any are absent). */
export async function collectionCounts(db: Kysely<Schema>, sourceIds?: readonly string[]): Promise<Map<string, number>> {
  if (sourceIds?.length === 0) return new Map();
  let query = db.selectFrom('collection').select(['source_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('source_id');
  if (sourceIds !== undefined) query = query.where('source_id', 'in', sourceIds);
  const rows = await query.execute();
  return new Map(rows.map((c) => [c.source_id, Number(c.n)]));
}

export async function insertCollections(db: Kysely<Schema>, rows: readonly NewCollectionRow[]): Promise<CollectionRow[]> {
  return rows.length === 0 ? [] : db.insertInto('collection').values([...rows]).returningAll().execute();
}

export function updateCollectionRow(db: Kysely<Schema>, id: string, changes: CollectionRowUpdate): Promise<CollectionRow> {
  return db.updateTable('collection').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// --- the enricher chain of a collection -----------------------------------------------------------

/** Each collection's attached enricher ids, in chain order (collections with none map to []). */
export async function enricherOrders(db: Kysely<Schema>, collectionIds: readonly string[]): Promise<Map<string, string[]>> {
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

export async function enricherOrder(db: Kysely<Schema>, collectionId: string): Promise<string[]> {
  return (await enricherOrders(db, [collectionId])).get(collectionId) ?? [];
}

/** The rows that put `order` on a collection: positions run 1..n, the chain's only numbering. */
function chainRows(collectionId: string, order: readonly string[]) {
  return order.map((enricherId, i) => ({ collection_id: collectionId, enricher_id: enricherId, position: i + 1 }));
}

/** Gives collections that have no chain yet `order` (for example the built-in chain of new collections). */
export async function attachChain(db: Kysely<Schema>, collectionIds: readonly string[], order: readonly string[]): Promise<void> {
  const rows = collectionIds.flatMap((id) => chainRows(id, order));
  if (rows.length > 0) await db.insertInto('collection_enricher').values(rows).execute();
}

/** Replaces a collection's chain with `order` (positions are unique, so clear then insert). */
export async function writeEnricherOrder(db: Kysely<Schema>, collectionId: string, order: readonly string[]): Promise<void> {
  await db.deleteFrom('collection_enricher').where('collection_id', '=', collectionId).execute();
  await attachChain(db, [collectionId], order);
}

/** The enricher instances a collection runs at ingest, in chain order. */
export function attachedEnrichers(db: Kysely<Schema>, collectionId: string): Promise<Pick<EnricherRow, 'id' | 'type' | 'kind' | 'config'>[]> {
  return db
    .selectFrom('collection_enricher')
    .innerJoin('enricher', 'enricher.id', 'collection_enricher.enricher_id')
    .select(['enricher.id', 'enricher.type', 'enricher.kind', 'enricher.config'])
    .where('collection_enricher.collection_id', '=', collectionId)
    .orderBy('collection_enricher.position')
    .execute();
}

/** The other way round: each enricher's collections, as "<source>/<name>" refs sorted as collection list sorts them. */
export async function enricherAttachments(db: Kysely<Schema>, enricherIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(enricherIds.map((id) => [id, []]));
  if (enricherIds.length === 0) return result;
  const rows = await db
    .selectFrom('collection_enricher')
    .innerJoin('collection', 'collection.id', 'collection_enricher.collection_id')
    .innerJoin('source', 'source.id', 'collection.source_id')
    .select(['collection_enricher.enricher_id', 'collection.name', 'source.name as source_name'])
    .where('collection_enricher.enricher_id', 'in', enricherIds)
    .execute();
  for (const row of rows) result.get(row.enricher_id)?.push(collectionRef(row.source_name, row.name));
  for (const refs of result.values()) refs.sort((a, b) => a.localeCompare(b));
  return result;
}

// --- collections as operators see them ------------------------------------------------------------

/** Collections as shown to operators (sorted by ref), in one query per aspect rather than one per collection. */
export async function collectionsToJson(db: Kysely<Schema>, rows: readonly CollectionRow[]): Promise<Collection[]> {
  const ids = rows.map((r) => r.id);
  const [enrichers, counts, sources] = await Promise.all([
    enricherOrders(db, ids),
    assetCounts(db, ids),
    sourceNames(db, rows.map((r) => r.source_id)),
  ]);
  return rows
    .map((row) => collectionToJson(row, sources.get(row.source_id) ?? '?', enrichers.get(row.id) ?? [], counts.get(row.id) ?? noAssets()))
    .sort((a, b) => a.ref.localeCompare(b.ref));
}

export async function collectionToJsonOf(db: Kysely<Schema>, row: CollectionRow): Promise<Collection> {
  const [json] = await collectionsToJson(db, [row]);
  if (!json) throw new RetroVueError('internal', `collection ${row.id} vanished while being shown`);
  return json;
}

// Source persistence: the only place that reads or writes the source table, and what outside the catalog
// still refers to a source's assets and collections.
import { type Kysely, sql } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { NewSourceRow, Schema, SourceRow, SourceRowUpdate } from '../db/schema.js';
import { isUuid } from './catalog-ref.js';

/** A source by id or by name, as an operator refers to it. */
export function findSource(db: Kysely<Schema>, ref: string): Promise<SourceRow | undefined> {
  return db
    .selectFrom('source')
    .selectAll()
    .where((eb) => (isUuid(ref) ? eb.or([eb('id', '=', ref), eb('name', '=', ref)]) : eb('name', '=', ref)))
    .executeTakeFirst();
}

export async function requireSource(db: Kysely<Schema>, ref: string): Promise<SourceRow> {
  const row = await findSource(db, ref);
  if (!row) throw new RetroVueError('not_found', `source "${ref}" does not exist; see retrovue source list`);
  return row;
}

/** Throws `conflict` when another source already has `name`. */
export async function assertSourceNameFree(db: Kysely<Schema>, name: string): Promise<void> {
  const taken = await db.selectFrom('source').select('id').where('name', '=', name).executeTakeFirst();
  if (taken) throw new RetroVueError('conflict', `source "${name}" already exists; pick another --name`);
}

export function listSourceRows(db: Kysely<Schema>): Promise<SourceRow[]> {
  return db.selectFrom('source').selectAll().orderBy('name').execute();
}

export function insertSource(db: Kysely<Schema>, row: NewSourceRow): Promise<SourceRow> {
  return db.insertInto('source').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateSourceRow(db: Kysely<Schema>, id: string, changes: SourceRowUpdate): Promise<SourceRow> {
  return db.updateTable('source').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Removes the source; its collections, assets and provider refs go with it (foreign keys cascade). */
export async function deleteSource(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('source').where('id', '=', id).execute();
}

/** Source id → name, for the sources given. */
export async function sourceNames(db: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('source').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((s) => [s.id, s.name]));
}

/** Tables that belong to the catalog itself and go with their asset or collection. */
const catalogOwned = new Set(['provider_ref', 'asset', 'collection_enricher']);

/** A foreign key onto asset or collection from a table the catalog does not own. */
interface CatalogReference {
  readonly target: 'asset' | 'collection';
  readonly table: string;
  readonly column: string;
}

async function referencesInto(db: Kysely<Schema>, target: CatalogReference['target']): Promise<CatalogReference[]> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select c.conrelid::regclass::text as table_name, a.attname as column_name
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = ${target}::regclass
    order by 1, 2`.execute(db);
  return rows.rows.filter((r) => !catalogOwned.has(r.table_name)).map((r) => ({ target, table: r.table_name, column: r.column_name }));
}

/**
 * How many of the source's assets and collections each table outside the catalog refers to, through any
 * foreign key (so schedule tables count without the catalog knowing them); tables with none are left out.
 */
export async function sourceReferenceCounts(db: Kysely<Schema>, sourceId: string): Promise<{ readonly target: CatalogReference['target']; readonly table: string; readonly count: number }[]> {
  const counts = [];
  for (const ref of [...(await referencesInto(db, 'asset')), ...(await referencesInto(db, 'collection'))]) {
    const owner = ref.target === 'asset' ? sql`join asset on asset.id = r.${sql.ref(ref.column)} join collection on collection.id = asset.collection_id` : sql`join collection on collection.id = r.${sql.ref(ref.column)}`;
    const count = await sql<{ n: number }>`
      select count(distinct r.${sql.ref(ref.column)})::int as n
      from ${sql.table(ref.table)} r
      ${owner}
      where collection.source_id = ${sourceId}`.execute(db);
    const n = count.rows[0]?.n ?? 0;
    if (n > 0) counts.push({ target: ref.target, table: ref.table, count: n });
  }
  return counts;
}

// ProductionSafety: catalog content that something outside the catalog (a schedule, a playlog, a program's
// chain) still points at must not be removed. Any foreign key onto asset or collection from a table the
// catalog does not own counts, so schedule tables are covered without this module knowing them.
import { type Kysely, sql } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { Schema, SourceRow } from '../db/schema.js';

/** Tables that belong to the catalog itself and go with their asset or collection. */
const catalogOwned = new Set(['provider_ref', 'asset', 'collection_enricher']);

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

/** Throws `refused` naming each referencing table when any asset or collection of the source is in use. */
export async function assertNotReferenced(db: Kysely<Schema>, source: SourceRow): Promise<void> {
  const uses: string[] = [];
  for (const ref of [...(await referencesInto(db, 'asset')), ...(await referencesInto(db, 'collection'))]) {
    const owner = ref.target === 'asset' ? sql`join asset on asset.id = r.${sql.ref(ref.column)} join collection on collection.id = asset.collection_id` : sql`join collection on collection.id = r.${sql.ref(ref.column)}`;
    const count = await sql<{ n: number }>`
      select count(distinct r.${sql.ref(ref.column)})::int as n
      from ${sql.table(ref.table)} r
      ${owner}
      where collection.source_id = ${source.id}`.execute(db);
    const n = count.rows[0]?.n ?? 0;
    if (n > 0) uses.push(`${n} ${ref.target}(s) referenced by ${ref.table}`);
  }
  if (uses.length > 0) {
    throw new RetroVueError('refused', `source "${source.name}" is in use: ${uses.join(', ')}; remove those references first (--force does not override this)`);
  }
}

// ProductionSafety: catalog content that something outside the catalog (a schedule, a playlog) still
// points at must not be removed. Any foreign key onto asset from a table the catalog does not own counts,
// so schedule tables added later are covered without this module knowing them.
import { type Kysely, sql } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { Schema, SourceRow } from '../db/schema.js';

/** Tables that belong to the catalog itself and go with their asset. */
const catalogOwned = new Set(['provider_ref']);

interface AssetReference {
  readonly table: string;
  readonly column: string;
}

async function referencesToAssets(db: Kysely<Schema>): Promise<AssetReference[]> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select c.conrelid::regclass::text as table_name, a.attname as column_name
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'asset'::regclass`.execute(db);
  return rows.rows.filter((r) => !catalogOwned.has(r.table_name)).map((r) => ({ table: r.table_name, column: r.column_name }));
}

/** Throws `refused` naming each referencing table when any asset of the source is in use. */
export async function assertNotReferenced(db: Kysely<Schema>, source: SourceRow): Promise<void> {
  const uses: string[] = [];
  for (const ref of await referencesToAssets(db)) {
    const count = await sql<{ n: number }>`
      select count(distinct r.${sql.ref(ref.column)})::int as n
      from ${sql.table(ref.table)} r
      join asset on asset.id = r.${sql.ref(ref.column)}
      join collection on collection.id = asset.collection_id
      where collection.source_id = ${source.id}`.execute(db);
    const n = count.rows[0]?.n ?? 0;
    if (n > 0) uses.push(`${n} asset(s) referenced by ${ref.table}`);
  }
  if (uses.length > 0) {
    throw new RetroVueError('refused', `source "${source.name}" is in use: ${uses.join(', ')}; remove those references first (--force does not override this)`);
  }
}

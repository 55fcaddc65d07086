// Bulk inserts as `insert … select from unnest(array, array, …)`: one parameter per column whatever the
// row count, so a schedule's thousands of slots and events cost a few statements instead of a planner pass
// over a huge VALUES list (measured 4× faster on PostgreSQL 15, 2× on PGlite, for 40k rows).
import { type Kysely, sql } from 'kysely';
import type { Schema } from './schema.js';

/** Column types the helper can ship as arrays; array-valued columns travel as JSON text per row. */
export type UnnestType = 'text' | 'int8' | 'int4' | 'uuid' | 'date' | 'bool' | 'int4[]' | 'text[]';

const batchRows = 5000;

/**
 * @example
 * await insertUnnest(db, 'playlog_event', { channel_id: 'text', start_ms: 'int8' }, [{ channel_id: 'c', start_ms: 0 }]);
 */
export async function insertUnnest<C extends string>(
  db: Kysely<Schema>,
  table: string,
  columns: Readonly<Record<C, UnnestType>>,
  rows: readonly Readonly<Record<C, unknown>>[],
): Promise<void> {
  const names = Object.keys(columns) as C[];
  for (let i = 0; i < rows.length; i += batchRows) {
    const part = rows.slice(i, i + batchRows);
    const arrays = names.map((name) => {
      const type = columns[name];
      const values = part.map((row) => (type.endsWith('[]') ? JSON.stringify(row[name] ?? []) : (row[name] ?? null)));
      return sql`${values}::${sql.raw(type.endsWith('[]') ? 'text' : type)}[]`;
    });
    const selected = names.map((name) => {
      const type = columns[name];
      if (type === 'int4[]') return sql`array(select jsonb_array_elements_text(u.${sql.ref(name)}::jsonb)::int4)`;
      if (type === 'text[]') return sql`array(select jsonb_array_elements_text(u.${sql.ref(name)}::jsonb))`;
      return sql`u.${sql.ref(name)}`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
      select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as u(${sql.join(names.map((n) => sql.ref(n)))})`.execute(db);
  }
}

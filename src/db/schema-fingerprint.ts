// Notices a schema changed by hand (a dropped column, a retyped one) before a handler trips over it:
// after migrating, RetroVue records every table's columns; each command compares the live schema to that
// record and refuses with the table and column named, instead of failing later on an undefined field.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { RetroVueError } from '../core/errors.js';

/** The table holding the record (one row, id 1: the columns as JSON). */
export const schemaRecordTable = 'retrovue_schema_record';

export type Columns = Record<string, string[]>;

/** The live schema's columns, one row (table, column) each: RetroVue's tables in the current schema. */
export function liveColumnRows(): RawBuilder<{ table: string; column: string }> {
  return sql<{ table: string; column: string }>`
    select c.relname as "table",
           a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end as "column"
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      and c.relname not like 'kysely_migration%' and c.relname <> ${schemaRecordTable}
    order by 1, 2`;
}

export function columnsOf(rows: readonly { table: string; column: string }[]): Columns {
  const columns: Columns = {};
  for (const row of rows) (columns[row.table] ??= []).push(row.column);
  return columns;
}

async function liveColumns(db: Kysely<any>): Promise<Columns> {
  return columnsOf((await liveColumnRows().execute(db)).rows);
}

async function recorded(db: Kysely<any>): Promise<Columns | undefined> {
  const exists = await sql<{ present: boolean }>`select to_regclass(${schemaRecordTable}) is not null as present`.execute(db);
  if (!exists.rows[0]?.present) return undefined;
  const rows = await sql<{ columns: string }>`select columns from ${sql.table(schemaRecordTable)} where id = 1`.execute(db);
  const text = rows.rows[0]?.columns;
  return text === undefined ? undefined : (JSON.parse(text) as Columns);
}

/** Records the live schema as the one the migrations made. Call right after migrating. */
export async function recordSchema(db: Kysely<any>): Promise<void> {
  const columns = JSON.stringify(await liveColumns(db));
  try {
    await sql`create table if not exists ${sql.table(schemaRecordTable)} (id integer primary key, columns text not null)`.execute(db);
    await sql`insert into ${sql.table(schemaRecordTable)} (id, columns) values (1, ${columns})
              on conflict (id) do update set columns = excluded.columns`.execute(db);
  } catch {
    // Two processes recording at once on a server: the other one's record is the same.
  }
}

/** Differences between the recorded and the live schema, one phrase each ("table channel lacks column …"). */
export function schemaDifferences(expected: Columns, live: Columns): string[] {
  const found: string[] = [];
  for (const [table, columns] of Object.entries(expected)) {
    const actual = live[table];
    if (!actual) {
      found.push(`table ${table} is missing`);
      continue;
    }
    for (const column of columns) if (!actual.includes(column)) found.push(`table ${table} lacks column ${column}`);
    for (const column of actual) if (!columns.includes(column)) found.push(`table ${table} has an unexpected column ${column}`);
  }
  return found;
}

/**
 * Throws `database_unusable` naming the tables when the live schema differs from the recorded one. With no
 * record yet (a database migrated before this check, or emptied by a test), records the live schema when
 * `recordIfMissing`.
 */
export async function verifySchema(db: Kysely<any>, recordIfMissing: boolean): Promise<void> {
  const expected = await recorded(db);
  if (!expected) {
    if (recordIfMissing) await recordSchema(db);
    return;
  }
  refuseChangedSchema(expected, await liveColumns(db));
}

/** Throws `database_unusable` naming the tables when the live schema differs from the recorded one. */
export function refuseChangedSchema(expected: Columns, live: Columns): void {
  const differences = schemaDifferences(expected, live);
  if (differences.length === 0) return;
  throw new RetroVueError(
    'database_unusable',
    `the database schema was changed outside RetroVue's migrations: ${differences.slice(0, 3).join('; ')}${differences.length > 3 ? `; and ${differences.length - 3} more` : ''}; restore the database from a backup or undo the change`,
  );
}

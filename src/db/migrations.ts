// Applies the one set of Kysely migrations to either dialect, and reports their state cheaply. Kysely's
// Migrator and the migrations themselves load only when one is applied (src/db/migrator.ts).
import { type Kysely, sql } from 'kysely';
import { migrationNames } from '../../migrations/names.js';
import { RetroVueError } from '../core/errors.js';
import { type Columns, columnsOf, liveColumnRows, recordSchema, refuseChangedSchema, schemaRecordTable, verifySchema } from './schema-fingerprint.js';

export interface MigrationState {
  readonly name: string;
  readonly appliedAt: Date | null;
}

export function knownMigrations(): string[] {
  return [...migrationNames].sort();
}

/** Refuses a database that holds a migration this version does not know (a newer RetroVue migrated it). */
function refuseUnknownMigrations(applied: Iterable<string>): void {
  const known = new Set(knownMigrations());
  const unknown = [...applied].filter((name) => !known.has(name)).sort();
  if (unknown.length > 0) {
    throw new RetroVueError(
      'database_unusable',
      `this database was migrated by a newer RetroVue (it has migration ${unknown.join(', ')}, unknown to this version); upgrade RetroVue, or use a database of this version`,
    );
  }
}

/** Every known migration with the time it was applied (null while pending). Writes nothing. */
export async function migrationStates(db: Kysely<any>): Promise<MigrationState[]> {
  const exists = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  const applied = new Map<string, Date>();
  if (exists.rows[0]?.present) {
    const rows = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration`.execute(db);
    for (const row of rows.rows) applied.set(row.name, new Date(row.timestamp));
  }
  refuseUnknownMigrations(applied.keys());
  return knownMigrations().map((name) => ({ name, appliedAt: applied.get(name) ?? null }));
}

export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  return (await migrationStates(db)).filter((m) => m.appliedAt === null).map((m) => m.name);
}

/** Applies every pending migration in one transaction, then records the schema; returns the names applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { applyPendingMigrations } = await import('./migrator.js');
  const applied = await applyPendingMigrations(db);
  await recordSchema(db);
  return applied;
}

/** What ensureMigrated decides on, read in one round trip. */
interface SchemaState {
  readonly applied: readonly string[];
  readonly recorded: Columns | undefined;
  readonly live: Columns;
}

/** Postgres's undefined_table: a table the query names does not exist (yet). */
function isUndefinedTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '42P01';
}

/**
 * The applied migrations, the recorded schema and the live one in one query; undefined when the migration
 * table or the record does not exist (a database never migrated, or migrated before the record existed).
 */
async function readSchemaState(db: Kysely<any>): Promise<SchemaState | undefined> {
  try {
    const { rows } = await sql<{ applied: string | null; recorded: string | null; live: string | null }>`
      select (select json_agg(name) from kysely_migration)::text as applied,
             (select columns from ${sql.table(schemaRecordTable)} where id = 1) as recorded,
             (select json_agg(json_build_array(l."table", l."column")) from (${liveColumnRows()}) l)::text as live`.execute(db);
    const row = rows[0];
    const live = JSON.parse(row?.live ?? '[]') as [string, string][];
    return {
      applied: JSON.parse(row?.applied ?? '[]') as string[],
      recorded: row?.recorded == null ? undefined : (JSON.parse(row.recorded) as Columns),
      live: columnsOf(live.map(([table, column]) => ({ table, column }))),
    };
  } catch (error) {
    if (isUndefinedTable(error)) return undefined;
    throw error;
  }
}

/**
 * Migrates on first use; when the database is already current, one read: its migrations are all known to
 * this version, and its schema is the one they made (recorded now if no record exists yet).
 */
export async function ensureMigrated(db: Kysely<any>): Promise<void> {
  const state = await readSchemaState(db);
  if (state === undefined) {
    if ((await pendingMigrations(db)).length > 0) await migrateToLatest(db);
    else await verifySchema(db, true);
    return;
  }
  refuseUnknownMigrations(state.applied);
  const applied = new Set(state.applied);
  if (knownMigrations().some((name) => !applied.has(name))) await migrateToLatest(db);
  else if (state.recorded === undefined) await recordSchema(db);
  else refuseChangedSchema(state.recorded, state.live);
}

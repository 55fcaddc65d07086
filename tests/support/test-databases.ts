// Runs a suite against both databases RetroVue supports: embedded PGlite and the Postgres server
// (RETROVUE_TEST_DATABASE_URL, default 127.0.0.1:5432/test). Each test file gets its own throwaway
// database per dialect; each test starts from empty tables. RETROVUE_TEST_DATABASES=pglite (or postgres)
// narrows a local run to one of them; CI always runs both.
import { after, afterEach, before, beforeEach, describe } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../../src/db/database-config.js';
import type { Database } from '../../src/db/open-database.js';
import { openThrowawayDatabase } from '../../src/db/throwaway-database.js';
import { seededEnrichers } from '../../migrations/0002_catalog.js';

export type Dialect = DatabaseConfig['dialect'];

const tablesOf = new WeakMap<Database, Promise<string[]>>();

/**
 * The tables a reset empties, as the database lists them (so a table a migration adds is emptied too):
 * all but the migrator's own.
 */
export function resettableTables(database: Database): Promise<string[]> {
  let tables = tablesOf.get(database);
  if (!tables) {
    tables = sql<{ name: string }>`
      select tablename as name from pg_tables
      where schemaname = current_schema() and tablename not in ('kysely_migration', 'kysely_migration_lock', 'retrovue_schema_record')
      order by tablename`
      .execute(database.db)
      .then((result) => result.rows.map((r) => r.name));
    tablesOf.set(database, tables);
  }
  return tables;
}

/** Empties every table and puts back the built-in enricher instances exactly as the catalog migration seeds them. */
export async function resetDatabase(database: Database): Promise<void> {
  const tables = await resettableTables(database);
  if (tables.length > 0) await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} cascade`.execute(database.db);
  await database.db
    .insertInto('enricher')
    .values(seededEnrichers.map((e) => ({ id: e.id, type: e.type, kind: e.kind, config: '{}' })))
    .execute();
}

export const testServerUrl = process.env['RETROVUE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Where the migrated PGlite template is cached between test files. */
export const testCacheDir = join(tmpdir(), 'retrovue-test-cache');

export function configFor(dialect: Dialect): DatabaseConfig {
  return dialect === 'pglite' ? { dialect: 'pglite', dataDir: 'memory://' } : { dialect: 'postgres', url: testServerUrl };
}

export interface DatabaseFixture {
  readonly dialect: Dialect;
  /** The open throwaway database (valid inside tests). */
  readonly database: Database;
}

export interface FixtureOptions {
  /** false: each test gets a blank, unmigrated database (for testing migrations). */
  readonly migrated?: boolean;
}

const dialects: readonly Dialect[] = ['pglite', 'postgres'];

/** The databases suites run against: both, or the one RETROVUE_TEST_DATABASES names. */
export function testDialects(env: Readonly<Record<string, string | undefined>> = process.env): Dialect[] {
  const wanted = (env['RETROVUE_TEST_DATABASES'] ?? '').trim();
  if (wanted === '' || wanted === 'both') return [...dialects];
  const named = wanted.split(',').map((d) => d.trim());
  const unknown = named.filter((d) => !dialects.includes(d as Dialect));
  if (unknown.length > 0 || named.length === 0) {
    throw new Error(`RETROVUE_TEST_DATABASES must be pglite, postgres or both; got "${wanted}"`);
  }
  return dialects.filter((d) => named.includes(d));
}

/**
 * Options for a test whose rule is about the process, the media or the terminal (an interrupt, a kill, a
 * progress bar, a stream), not the database: it runs against one database, the last this run tests, and is
 * skipped on the other, saying why. The database work under it is proven against both by the command's data
 * contract tests; running it twice would prove the same thing twice at the cost of real ffmpeg and processes.
 */
export function onOneDatabase(fixture: { readonly dialect: Dialect }): { readonly skip: string | false } {
  const last = testDialects().at(-1);
  return { skip: fixture.dialect === last ? false : `not about the database: proven once, against ${last}` };
}

// In a test group (scripts/test-group.ts runs several test files in one process) the files share one migrated
// database per dialect: opening one costs seconds (a PGlite boot, a Postgres create + migrate), a reset
// between tests a few milliseconds. The group closes them when every file has run.
const shared = new Map<Dialect, Promise<Database>>();

/** Set by the group runner before it loads any test file. */
export const sharedDatabasesFlag = 'RETROVUE_TEST_SHARED_DATABASES';

function sharedDatabase(dialect: Dialect): Promise<Database> {
  let database = shared.get(dialect);
  if (!database) {
    database = openThrowawayDatabase(configFor(dialect), { cacheDir: testCacheDir });
    shared.set(dialect, database);
  }
  return database;
}

export async function closeSharedDatabases(): Promise<void> {
  const open = [...shared.values()];
  shared.clear();
  await Promise.all(open.map(async (database) => (await database).close()));
}

export function forEachDatabase(suite: (fixture: DatabaseFixture) => void, options: FixtureOptions = {}): void {
  const migrated = options.migrated ?? true;
  for (const dialect of testDialects()) {
    describe(dialect, () => {
      let database: Database | undefined;
      const fixture: DatabaseFixture = {
        dialect,
        get database() {
          if (!database) throw new Error('database is open only inside tests');
          return database;
        },
      };
      const open = () => openThrowawayDatabase(configFor(dialect), { cacheDir: testCacheDir, migrated });
      if (migrated && process.env[sharedDatabasesFlag] === '1') {
        before(async () => {
          database = await sharedDatabase(dialect);
        });
        beforeEach(() => resetDatabase(fixture.database));
      } else if (migrated) {
        before(async () => {
          database = await open();
        });
        beforeEach(() => resetDatabase(fixture.database));
        after(async () => {
          await database?.close();
        });
      } else {
        // A blank database per test: migrations cannot be truncated away.
        beforeEach(async () => {
          database = await open();
        });
        afterEach(async () => {
          await database?.close();
          database = undefined;
        });
      }
      suite(fixture);
    });
  }
}

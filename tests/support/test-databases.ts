// Runs a suite against both databases RetroVue supports: embedded PGlite and the Postgres server
// (RETROVUE_TEST_DATABASE_URL, default 127.0.0.1:5432/test). Each test file gets its own throwaway
// database per dialect; each test starts from empty tables.
import { after, before, beforeEach, describe } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../../src/db/database-config.js';
import type { Database } from '../../src/db/open-database.js';
import { dataTables } from '../../src/db/schema.js';
import { openThrowawayDatabase } from '../../src/db/throwaway-database.js';

export type Dialect = DatabaseConfig['dialect'];

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

export function forEachDatabase(suite: (fixture: DatabaseFixture) => void): void {
  for (const dialect of ['pglite', 'postgres'] as const) {
    describe(dialect, () => {
      let database: Database | undefined;
      const fixture: DatabaseFixture = {
        dialect,
        get database() {
          if (!database) throw new Error('database is open only inside tests');
          return database;
        },
      };
      before(async () => {
        database = await openThrowawayDatabase(configFor(dialect), { cacheDir: testCacheDir });
      });
      beforeEach(async () => {
        const tables = sql.join(dataTables.map((t) => sql.table(t)));
        await sql`truncate ${tables} cascade`.execute(fixture.database.db);
      });
      after(async () => {
        await database?.close();
      });
      suite(fixture);
    });
  }
}

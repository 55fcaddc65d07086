// Data contract tests for `retrovue db status` (contracts/db/status.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { knownMigrations } from '../../../src/db/migrations.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase(
  (fx) => {
    test('D-1: reports pending migrations without applying them or writing anything', async () => {
      const run = await cli(['db', 'status', '--json'], { database: fx.database });
      assert.equal(run.exitCode, 0, run.stderr);
      const doc = json<{ pending: number; migrations: Array<{ applied_at: string | null }> }>(run);
      assert.equal(doc.pending, knownMigrations().length);
      assert.ok(doc.migrations.every((m) => m.applied_at === null));
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(
        fx.database.db,
      );
      assert.equal(tables.rows[0]?.n, 0);
    });
  },
  { migrated: false },
);

// Data contract tests for `retrovue db migrate` (contracts/db/migrate.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { knownMigrations } from '../../../src/db/migrations.js';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase(
  (fx) => {
    test('D-1: every known migration is recorded as applied, in order', async () => {
      assert.equal((await cli(['db', 'migrate'], { database: fx.database })).exitCode, 0);
      const rows = await sql<{ name: string }>`select name from kysely_migration order by timestamp, name`.execute(fx.database.db);
      assert.deepEqual(rows.rows.map((r) => r.name), knownMigrations());
      const channelTable = await sql<{ present: boolean }>`select to_regclass('channel') is not null as present`.execute(fx.database.db);
      assert.equal(channelTable.rows[0]?.present, true);
    });
  },
  { migrated: false },
);

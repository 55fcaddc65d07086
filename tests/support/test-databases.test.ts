// The test database fixture itself: which databases a run covers, and a reset that empties every table
// the migrations made (read from the database, so a new migration's tables are covered without a list).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openThrowawayDatabase } from '../../src/db/throwaway-database.js';
import { configFor, resetDatabase, resettableTables, testCacheDir, testDialects } from './test-databases.js';

test('RETROVUE_TEST_DATABASES narrows a run to one database; unset or "both" runs both', () => {
  assert.deepEqual(testDialects({}), ['pglite', 'postgres']);
  assert.deepEqual(testDialects({ RETROVUE_TEST_DATABASES: 'both' }), ['pglite', 'postgres']);
  assert.deepEqual(testDialects({ RETROVUE_TEST_DATABASES: 'pglite' }), ['pglite']);
  assert.deepEqual(testDialects({ RETROVUE_TEST_DATABASES: ' postgres ' }), ['postgres']);
  assert.deepEqual(testDialects({ RETROVUE_TEST_DATABASES: 'postgres,pglite' }), ['pglite', 'postgres']);
  assert.throws(() => testDialects({ RETROVUE_TEST_DATABASES: 'mysql' }), /RETROVUE_TEST_DATABASES must be pglite, postgres or both; got "mysql"/);
});

for (const dialect of testDialects()) {
  test(`${dialect}: a reset empties every table the database has, one added later included, and restores the built-in enrichers`, async () => {
    const database = await openThrowawayDatabase(configFor(dialect), { cacheDir: testCacheDir });
    try {
      // As a later migration would: a table the fixture was never told about.
      await sql`create table playlog_probe (id integer primary key)`.execute(database.db);
      const tables = await resettableTables(database);
      for (const table of ['asset', 'channel', 'collection', 'collection_enricher', 'enricher', 'playlog_probe', 'provider_ref', 'source']) {
        assert.ok(tables.includes(table), `${table} is not reset`);
      }
      for (const kept of ['kysely_migration', 'kysely_migration_lock']) assert.ok(!tables.includes(kept), `${kept} would be emptied`);
      await sql`insert into playlog_probe values (1)`.execute(database.db);
      await database.db.insertInto('channel').values({ id: 'c', name: 'C', number: '1', grid_block_minutes: 30, block_start_offsets_minutes: [0], programming_day_start: '06:00', timezone: 'UTC' }).execute();
      await database.db.insertInto('enricher').values({ id: 'extra', type: 'filename', kind: 'ingest', config: '{}' }).execute();
      await database.db.updateTable('enricher').set({ config: '{"timeout_ms":5000}' }).where('id', '=', 'ffprobe').execute();
      await database.db.deleteFrom('enricher').where('id', '=', 'filename').execute(); // as enricher remove may
      await resetDatabase(database);
      for (const table of tables.filter((t) => t !== 'enricher')) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
        assert.equal(rows[0]?.n, 0, `${table} was not emptied`);
      }
      const enrichers = await database.db.selectFrom('enricher').select(['id', 'type', 'kind', 'config']).orderBy('id').execute();
      assert.deepEqual(enrichers, [
        { id: 'ffprobe', type: 'ffprobe', kind: 'ingest', config: {} },
        { id: 'filename', type: 'filename', kind: 'ingest', config: {} },
      ]);
    } finally {
      await database.close();
    }
  });
}

// Data contract tests for `retrovue virtual-asset add` (contracts/virtual-asset/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: persists every part of the rule, durations in milliseconds', async () => {
    const catalog = await seedLibrary(fx.database);
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'v', '--collection', 'lib/Series', '--series', 'Night Shift', '--kinds', 'episode', '--tags', 'late,adult',
      '--min-minutes', '1.5', '--max-minutes', '50', '--unplayed', '--order', 'catalog']);
    const row = await fx.database.db.selectFrom('virtual_asset').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.name, row.collection_id, row.series, row.kinds, row.tags, Number(row.min_duration_ms), Number(row.max_duration_ms), row.unplayed, row.pick_order],
      ['v', catalog.collections['Series'], 'Night Shift', ['episode'], ['late', 'adult'], 90_000, 3_000_000, true, 'catalog'],
    );
  });
});

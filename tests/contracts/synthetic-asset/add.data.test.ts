// Data contract tests for `retrovue synthetic-asset add` (contracts/synthetic-asset/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: persists kind, duration in whole milliseconds and text', async () => {
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'slate', '--kind', 'slate', '--seconds', '2.0004', '--text', 'We will be right back']);
    const row = await fx.database.db.selectFrom('synthetic_asset').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([row.name, row.kind, Number(row.duration_ms), row.text], ['slate', 'slate', 2000, 'We will be right back']);
  });
});

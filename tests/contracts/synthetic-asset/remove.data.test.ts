// Data contract tests for `retrovue synthetic-asset remove` (contracts/synthetic-asset/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the removed synthetic asset is gone and every other definition is unchanged', async () => {
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'a', '--kind', 'slate', '--seconds', '1']);
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'b', '--kind', 'test-card', '--seconds', '2']);
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'v']);
    const others = async () => [await fx.database.db.selectFrom('synthetic_asset').selectAll().where('name', '=', 'b').execute(), await fx.database.db.selectFrom('virtual_asset').selectAll().execute()];
    const before = await others();
    await ok(fx.database, ['synthetic-asset', 'remove', 'a', '--force']);
    assert.deepEqual((await fx.database.db.selectFrom('synthetic_asset').select('name').execute()).map((s) => s.name), ['b']);
    assert.deepEqual(await others(), before);
  });
});

// Data contract tests for `retrovue virtual-asset remove` (contracts/virtual-asset/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the removed virtual asset is gone and every other definition is unchanged', async () => {
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'a']);
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'b', '--kinds', 'movie']);
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 's', '--kind', 'slate', '--seconds', '5']);
    const others = async () => [await fx.database.db.selectFrom('virtual_asset').selectAll().where('name', '=', 'b').execute(), await fx.database.db.selectFrom('synthetic_asset').selectAll().execute()];
    const before = await others();
    await ok(fx.database, ['virtual-asset', 'remove', 'a', '--force']);
    assert.deepEqual((await fx.database.db.selectFrom('virtual_asset').select('name').execute()).map((v) => v.name), ['b']);
    assert.deepEqual(await others(), before);
  });
});

// Data contract tests for `retrovue virtual-asset list` (contracts/virtual-asset/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: ordered by name', async () => {
    for (const name of ['m', 'z', 'a']) await ok(fx.database, ['virtual-asset', 'add', '--name', name]);
    assert.deepEqual((await ok<{ virtual_assets: Array<{ name: string }> }>(fx.database, ['virtual-asset', 'list'])).virtual_assets.map((v) => v.name), ['a', 'm', 'z']);
  });
});

// Data contract tests for `retrovue synthetic-asset list` (contracts/synthetic-asset/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: ordered by name', async () => {
    for (const name of ['y', 'b', 'k']) await ok(fx.database, ['synthetic-asset', 'add', '--name', name, '--kind', 'slate', '--seconds', '1']);
    assert.deepEqual((await ok<{ synthetic_assets: Array<{ name: string }> }>(fx.database, ['synthetic-asset', 'list'])).synthetic_assets.map((s) => s.name), ['b', 'k', 'y']);
  });
});

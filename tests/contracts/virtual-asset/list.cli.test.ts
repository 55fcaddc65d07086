// CLI contract tests for `retrovue virtual-asset list` (contracts/virtual-asset/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { ok, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints every virtual asset with its rule (or how to add one) and exits 0', async () => {
    assert.match((await cli(['virtual-asset', 'list'], { database: fx.database })).stdout, /no virtual assets yet; add one with retrovue virtual-asset add/);
    await seedLibrary(fx.database);
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'short-movie', '--collection', 'lib/Movies', '--max-minutes', '100']);
    const doc = await ok<{ virtual_assets: Array<{ name: string; collection: string }> }>(fx.database, ['virtual-asset', 'list']);
    assert.deepEqual(doc.virtual_assets.map((v) => `${v.name} ${v.collection}`), ['short-movie lib/Movies']);
    assert.match((await cli(['virtual-asset', 'list'], { database: fx.database })).stdout, /virtual asset "short-movie": one asset from lib\/Movies at most 100 min/);
  });
});

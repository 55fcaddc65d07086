// CLI contract tests for `retrovue synthetic-asset list` (contracts/synthetic-asset/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints every synthetic asset (or how to add one) and exits 0', async () => {
    assert.match((await cli(['synthetic-asset', 'list'], { database: fx.database })).stdout, /no synthetic assets yet/);
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'card', '--kind', 'test-card', '--seconds', '30']);
    assert.deepEqual((await ok<{ synthetic_assets: Array<{ name: string; kind: string }> }>(fx.database, ['synthetic-asset', 'list'])).synthetic_assets.map((s) => s.kind), ['test-card']);
  });
});

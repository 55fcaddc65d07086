// CLI contract tests for `retrovue virtual-asset add` (contracts/virtual-asset/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the virtual asset with its rule, exit 0', async () => {
    await seedLibrary(fx.database);
    const doc = await ok<{ virtual_asset: { name: string; collection: string; kinds: string[]; max_duration_ms: number; unplayed: boolean; order: string } }>(fx.database, [
      'virtual-asset', 'add', '--name', 'short-movie', '--collection', 'lib/Movies', '--kinds', 'movie', '--max-minutes', '100', '--unplayed',
    ]);
    assert.deepEqual(doc.virtual_asset, { ...doc.virtual_asset, name: 'short-movie', collection: 'lib/Movies', kinds: ['movie'], max_duration_ms: 6_000_000, unplayed: true, order: 'random' });
    const text = await cli(['virtual-asset', 'add', '--name', 'any-bumper', '--kinds', 'bumper', '--order', 'catalog'], { database: fx.database });
    assert.match(text.stdout, /added virtual asset "any-bumper": one bumper \(catalog pick\)/);
  });

  test('B-2: an unknown collection, min above max or a duplicate name is refused in one line, nothing written', async () => {
    await seedLibrary(fx.database);
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'taken']);
    const before = await fx.database.db.selectFrom('virtual_asset').selectAll().execute();
    refusedInOneLine(await cli(['virtual-asset', 'add', '--name', 'v', '--collection', 'lib/Ghost'], { database: fx.database }), /collection "lib\/Ghost" does not exist/);
    refusedInOneLine(await cli(['virtual-asset', 'add', '--name', 'v', '--min-minutes', '90', '--max-minutes', '60'], { database: fx.database }), /--min-minutes 90 is above --max-minutes 60/);
    refusedInOneLine(await cli(['virtual-asset', 'add', '--name', 'taken'], { database: fx.database }), /virtual asset "taken" already exists/);
    assert.deepEqual(await fx.database.db.selectFrom('virtual_asset').selectAll().execute(), before);
  });

  test('B-3: a --name with a newline, tab or escape sequence is refused in one line naming --name; nothing written', async () => {
    await seedLibrary(fx.database);
    const before = await fx.database.db.selectFrom('virtual_asset').selectAll().execute();
    for (const name of ['Evil\nRow', 'Tab\there', 'Red\u001b[31m']) {
      refusedInOneLine(await cli(['virtual-asset', 'add', '--name', name], { database: fx.database }), /--name must not contain control characters/);
    }
    assert.deepEqual(await fx.database.db.selectFrom('virtual_asset').selectAll().execute(), before);
  });
});

// CLI contract tests for `retrovue virtual-asset remove` (contracts/virtual-asset/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, buildDays, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const names = async () => (await fx.database.db.selectFrom('virtual_asset').select('name').execute()).map((v) => v.name);

  test('B-1: removes an unreferenced virtual asset with --force; a referenced one is refused naming the referrer', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'free']);
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'used', '--collection', 'lib/Movies']);
    await ok(fx.database, ['program', 'add', '--name', 'Pick', '--kind', 'movie', '--link', 'virtual:used']);
    assert.equal((await ok<{ removed: { name: string } }>(fx.database, ['virtual-asset', 'remove', 'free', '--force'])).removed.name, 'free');
    refusedInOneLine(await cli(['virtual-asset', 'remove', 'used', '--force'], { database: fx.database }), /virtual asset "used" is used by program "Pick"; take it out of there first/);
    assert.deepEqual(await names(), ['used']);
  });

  test('B-2: a virtual asset in built days is refused without --force, reporting scheduled and aired slots', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['virtual-asset', 'add', '--name', 'pick', '--collection', 'lib/Movies']);
    await ok(fx.database, ['zone', 'update', 'afternoon', '--channel', 'retro1', '--plan', 'everyday', '--item', 'virtual:pick']);
    await buildDays(fx.database);
    await ok(fx.database, ['zone', 'update', 'afternoon', '--channel', 'retro1', '--plan', 'everyday', '--item', 'program:Movies']);
    refusedInOneLine(await cli(['virtual-asset', 'remove', 'pick'], { database: fx.database, typed: 'y\n', clock: friday }), /virtual asset "pick" is in built schedule days: \d+ scheduled slot\(s\) on retro1 \(2025-03-07 to 2025-03-08\), 0 already aired/);
    const doc = await ok<{ in_use: { scheduled_slots: number } }>(fx.database, ['virtual-asset', 'remove', 'pick', '--force']);
    assert.ok(doc.in_use.scheduled_slots > 0);
  });
});

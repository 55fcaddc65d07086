// Data contract tests for `retrovue zone add` (contracts/zone/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: persists the window as positions after the day start, the weekdays and the items in order', async () => {
    const catalog = await addScheduledChannel(fx.database);
    const asset = catalog.assets['Short Movie'] as string;
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'slate', '--kind', 'slate', '--seconds', '30']);
    await ok(fx.database, [
      'zone', 'add', '--channel', 'retro1', '--plan', 'everyday', '--name', 'late', '--start', '22:00', '--end', '02:00', '--days', 'SUN,MON',
      '--item', `asset:${asset}`, '--item', 'synthetic:slate', '--item', 'program:Movies',
    ]);
    const zone = await fx.database.db.selectFrom('zone').selectAll().where('name', '=', 'late').executeTakeFirstOrThrow();
    assert.equal(zone.start_minute, 16 * 60); // 22:00 is 16 h after 06:00
    assert.equal(zone.end_minute, 20 * 60); // 02:00 the next morning
    assert.deepEqual(zone.days_of_week, [1, 7]);
    const items = await fx.database.db.selectFrom('zone_item').selectAll().where('zone_id', '=', zone.id).orderBy('position').execute();
    assert.deepEqual(items.map((i) => [i.position, i.kind]), [[0, 'asset'], [1, 'synthetic'], [2, 'program']]);
    assert.equal(items[0]?.asset_id, asset);
  });
});

// Data contract tests for `retrovue zone remove` (contracts/zone/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, buildDays, builtRows, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the zone and its items are gone, the other zones unchanged, built days exactly as built', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    const morning = () => fx.database.db.selectFrom('zone').selectAll().where('name', '=', 'morning').execute();
    const [morningBefore, builtBefore] = [await morning(), await builtRows(fx.database)];
    const afternoonId = (await fx.database.db.selectFrom('zone').select('id').where('name', '=', 'afternoon').executeTakeFirstOrThrow()).id;
    await ok(fx.database, ['zone', 'remove', 'afternoon', '--channel', 'retro1', '--plan', 'everyday', '--force']);
    assert.deepEqual(await fx.database.db.selectFrom('zone_item').selectAll().where('zone_id', '=', afternoonId).execute(), []);
    assert.deepEqual(await morning(), morningBefore);
    assert.deepEqual(await builtRows(fx.database), builtBefore);
  });
});

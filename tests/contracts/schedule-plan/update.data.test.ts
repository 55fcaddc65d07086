// Data contract tests for `retrovue schedule-plan update` (contracts/schedule-plan/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, buildDays, builtRows, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: only the given fields change; zones and built schedule days stay as they were', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    const plan = () => fx.database.db.selectFrom('schedule_plan').selectAll().executeTakeFirstOrThrow();
    const zones = () => fx.database.db.selectFrom('zone').selectAll().orderBy('name').execute();
    const [planBefore, zonesBefore, builtBefore] = [await plan(), await zones(), await builtRows(fx.database)];
    await ok(fx.database, ['schedule-plan', 'update', 'everyday', '--channel', 'retro1', '--priority', '4']);
    const after = await plan();
    assert.deepEqual({ ...after, priority: planBefore.priority, updated_at: planBefore.updated_at }, planBefore);
    assert.equal(after.priority, 4);
    assert.deepEqual(await zones(), zonesBefore);
    assert.deepEqual(await builtRows(fx.database), builtBefore);
  });
});

// Data contract tests for `retrovue schedule-plan remove` (contracts/schedule-plan/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, buildDays, builtRows, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the plan and its zones are gone; every other plan is unchanged', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'weekend', '--days', 'SAT,SUN', '--priority', '5']);
    await ok(fx.database, ['zone', 'add', '--channel', 'retro1', '--plan', 'weekend', '--name', 'all-day', '--start', '06:00', '--end', '18:00', '--item', 'program:Movies']);
    const weekend = () => fx.database.db.selectFrom('schedule_plan').selectAll().where('name', '=', 'weekend').execute();
    const before = await weekend();
    await ok(fx.database, ['schedule-plan', 'remove', 'everyday', '--channel', 'retro1', '--force']);
    assert.deepEqual((await fx.database.db.selectFrom('schedule_plan').select('name').execute()).map((r) => r.name), ['weekend']);
    assert.deepEqual(await weekend(), before);
    assert.deepEqual((await fx.database.db.selectFrom('zone').select('name').execute()).map((r) => r.name), ['all-day']);
  });

  test('D-2: schedule days built from the removed plan stay exactly as built', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    const before = await builtRows(fx.database);
    assert.ok(before.length > 2);
    await ok(fx.database, ['schedule-plan', 'remove', 'everyday', '--channel', 'retro1', '--force']);
    assert.deepEqual(await builtRows(fx.database), before);
  });
});

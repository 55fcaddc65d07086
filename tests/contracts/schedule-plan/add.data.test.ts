// Data contract tests for `retrovue schedule-plan add` (contracts/schedule-plan/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { cli } from '../../support/cli.js';
import { addUtcChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const rows = () =>
    fx.database.db
      .selectFrom('schedule_plan')
      .select(['channel_id', 'name', 'days_of_week', 'priority', sql<string | null>`to_char(start_date, 'YYYY-MM-DD')`.as('start'), sql<string | null>`to_char(end_date, 'YYYY-MM-DD')`.as('end')])
      .orderBy('name')
      .execute();

  test('D-1: persists channel, weekdays, range and priority, with defaults applied', async () => {
    await addUtcChannel(fx.database);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'everyday']);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'summer', '--days', '1,3,5', '--start-date', '2025-06-01', '--end-date', '2025-08-31', '--priority=-5']);
    assert.deepEqual(await rows(), [
      { channel_id: 'retro1', name: 'everyday', days_of_week: null, priority: 0, start: null, end: null },
      { channel_id: 'retro1', name: 'summer', days_of_week: [1, 3, 5], priority: -5, start: '2025-06-01', end: '2025-08-31' },
    ]);
  });

  test('D-2: a duplicate name on the same channel is refused and the existing plan is unchanged', async () => {
    await addUtcChannel(fx.database);
    await addUtcChannel(fx.database, 'retro2', '4');
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'everyday', '--priority', '3']);
    const before = await rows();
    refusedInOneLine(await cli(['schedule-plan', 'add', '--channel', 'retro1', '--name', 'everyday'], { database: fx.database }), /schedule plan "everyday" already exists on channel "retro1"/);
    assert.deepEqual(await rows(), before);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro2', '--name', 'everyday']); // another channel may use the name
  });
});

// CLI contract tests for `retrovue schedule-plan update` (contracts/schedule-plan/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { addUtcChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const plans = () => fx.database.db.selectFrom('schedule_plan').selectAll().execute();
  const withPlan = async () => {
    await addUtcChannel(fx.database);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'weekend', '--days', 'SAT,SUN', '--start-date', '2025-03-01']);
  };

  test('B-1: prints the plan as it now is and the changed fields, exit 0', async () => {
    await withPlan();
    const doc = await ok<{ plan: { name: string; priority: number; days_of_week: unknown; start_date: unknown }; changed: string[] }>(fx.database, [
      'schedule-plan', 'update', 'weekend', '--channel', 'retro1', '--rename', 'weekends', '--priority', '5', '--days', 'all', '--start-date', 'none',
    ]);
    assert.deepEqual(doc.changed.sort(), ['days_of_week', 'name', 'priority', 'start_date']);
    assert.equal(doc.plan.name, 'weekends');
    assert.equal(doc.plan.priority, 5);
    assert.equal(doc.plan.days_of_week, null);
    assert.equal(doc.plan.start_date, null);
    const same = await cli(['schedule-plan', 'update', 'weekends', '--channel', 'retro1', '--priority', '5'], { database: fx.database });
    assert.equal(same.exitCode, 0);
    assert.match(same.stdout, /plan "weekends" unchanged/);
  });

  test('B-2: an unknown plan exits 1 naming it', async () => {
    await addUtcChannel(fx.database);
    refusedInOneLine(await cli(['schedule-plan', 'update', 'nope', '--channel', 'retro1', '--priority', '1'], { database: fx.database }), /schedule plan "nope" of channel "retro1" does not exist/);
  });

  test('B-3: a bad date or a reversed range is refused in one line naming the option, nothing written', async () => {
    await withPlan();
    const before = await plans();
    refusedInOneLine(await cli(['schedule-plan', 'update', 'weekend', '--channel', 'retro1', '--end-date', '2025-13-01'], { database: fx.database }), /--end-date must be a real date/);
    refusedInOneLine(await cli(['schedule-plan', 'update', 'weekend', '--channel', 'retro1', '--end-date', '2025-02-01', '--priority', '3'], { database: fx.database }), /--start-date 2025-03-01 follows --end-date 2025-02-01/);
    assert.deepEqual(await plans(), before);
  });

  test('B-4: --dry-run reports the plan as it would become and persists nothing', async () => {
    await withPlan();
    const before = await plans();
    const run = await cli(['schedule-plan', 'update', 'weekend', '--channel', 'retro1', '--priority', '7', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(json<{ plan: { priority: number } }>(run).plan.priority, 7);
    assert.deepEqual(await plans(), before);
  });
});

// CLI contract tests for `retrovue schedule-plan add` (contracts/schedule-plan/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { addUtcChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const plans = () => fx.database.db.selectFrom('schedule_plan').selectAll().execute();

  test('B-1: prints the created plan as JSON matching the contract, and in text, exit 0', async () => {
    await addUtcChannel(fx.database);
    const doc = await ok<{ plan: Record<string, unknown> }>(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'weekend', '--days', 'sun,sat', '--priority', '10', '--start-date', '2025-03-01', '--end-date', '2025-12-31']);
    assert.equal(doc.plan['name'], 'weekend');
    assert.equal(doc.plan['channel'], 'retro1');
    assert.deepEqual(doc.plan['days_of_week'], ['SAT', 'SUN']);
    assert.equal(doc.plan['priority'], 10);
    assert.equal(doc.plan['start_date'], '2025-03-01');
    assert.equal(doc.plan['end_date'], '2025-12-31');
    assert.deepEqual(doc.plan['zones'], []);
    const text = await cli(['schedule-plan', 'add', '--channel', 'retro1', '--name', 'everyday'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /added plan "everyday" of channel retro1: every day, priority 0/);
    assert.match(text.stdout, /next: retrovue zone add --channel retro1 --plan "everyday"/);
  });

  test('B-2: a plan for an unknown channel is refused in one line naming it, nothing written', async () => {
    refusedInOneLine(await cli(['schedule-plan', 'add', '--channel', 'ghost', '--name', 'x'], { database: fx.database }), /channel "ghost" does not exist/);
    assert.deepEqual(await plans(), []);
  });

  test('B-3: bad dates, a reversed range and bad weekdays are refused in one line naming the option, nothing written', async () => {
    await addUtcChannel(fx.database);
    const cases: Array<[string[], RegExp]> = [
      [['--start-date', '2025-02-30'], /--start-date must be a real date as YYYY-MM-DD .*got "2025-02-30"/],
      [['--end-date', 'tomorrow'], /--end-date must be a real date as YYYY-MM-DD .*got "tomorrow"/],
      [['--start-date', '2025-06-01', '--end-date', '2025-05-01'], /--start-date 2025-06-01 follows --end-date 2025-05-01/],
      [['--days', 'MON,XYZ'], /--days must list weekdays such as MON,TUE .*got "XYZ"/],
    ];
    for (const [extra, message] of cases) {
      refusedInOneLine(await cli(['schedule-plan', 'add', '--channel', 'retro1', '--name', 'p', ...extra], { database: fx.database }), message);
    }
    assert.deepEqual(await plans(), []);
  });

  test('B-4: --dry-run reports the plan and persists nothing', async () => {
    await addUtcChannel(fx.database);
    const run = await cli(['schedule-plan', 'add', '--channel', 'retro1', '--name', 'p', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(json<{ plan: { name: string }; dry_run: boolean }>(run).dry_run, true);
    assert.deepEqual(await plans(), []);
  });

  test('B-5: a --name with a newline, tab or escape sequence is refused in one line naming --name; nothing written', async () => {
    await addUtcChannel(fx.database);
    const before = await fx.database.db.selectFrom('schedule_plan').selectAll().execute();
    for (const name of ['Evil\nRow', 'Tab\there', 'Red\u001b[31m']) {
      refusedInOneLine(await cli(['schedule-plan', 'add', '--channel', 'retro1', '--name', name], { database: fx.database }), /--name must not contain control characters/);
    }
    assert.deepEqual(await fx.database.db.selectFrom('schedule_plan').selectAll().execute(), before);
  });
});

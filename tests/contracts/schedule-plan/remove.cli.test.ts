// CLI contract tests for `retrovue schedule-plan remove` (contracts/schedule-plan/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, addUtcChannel, buildDays, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const plans = () => fx.database.db.selectFrom('schedule_plan').selectAll().execute();

  test('B-1: with --force removes the plan, prints it with what built days hold of it, exit 0', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    const doc = await ok<{ removed: { name: string; zones: unknown[] }; in_use: { scheduled_slots: number; aired_slots: number; channels: string[]; first_day: string; last_day: string } }>(
      fx.database,
      ['schedule-plan', 'remove', 'everyday', '--channel', 'retro1', '--force'],
    );
    assert.equal(doc.removed.name, 'everyday');
    assert.equal(doc.removed.zones.length, 2);
    assert.ok(doc.in_use.scheduled_slots > 0);
    assert.ok(doc.in_use.aired_slots > 0 && doc.in_use.aired_slots < doc.in_use.scheduled_slots);
    assert.deepEqual(doc.in_use.channels, ['retro1']);
    assert.deepEqual([doc.in_use.first_day, doc.in_use.last_day], ['2025-03-07', '2025-03-08']);
    assert.deepEqual(await plans(), []);
  });

  test('B-2: without --force and without a TTY refuses and removes nothing', async () => {
    await addUtcChannel(fx.database);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'unused']);
    const run = await cli(['schedule-plan', 'remove', 'unused', '--channel', 'retro1'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /--force/);
    assert.equal((await plans()).length, 1);
    const yes = await cli(['schedule-plan', 'remove', 'unused', '--channel', 'retro1'], { database: fx.database, typed: 'y\n' });
    assert.equal(yes.exitCode, 0, yes.stderr);
    assert.deepEqual(await plans(), []);
  });

  test('B-3: a plan with built days is refused without --force even on a TTY, reporting scheduled and aired slots', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    const run = await cli(['schedule-plan', 'remove', 'everyday', '--channel', 'retro1'], { database: fx.database, typed: 'y\n', clock: friday });
    refusedInOneLine(run, /schedule plan "everyday" of channel "retro1" with 2 zone\(s\) is in built schedule days: \d+ scheduled slot\(s\) on retro1 \(2025-03-07 to 2025-03-08\), \d+ already aired; those days stay as built\. Rerun with --force/);
    assert.equal((await plans()).length, 1);
  });

  test('B-4: an unknown plan exits 1 naming it', async () => {
    await addUtcChannel(fx.database);
    refusedInOneLine(await cli(['schedule-plan', 'remove', 'ghost', '--channel', 'retro1', '--force'], { database: fx.database }), /schedule plan "ghost" of channel "retro1" does not exist/);
  });

  test('B-4: a plan named on another channel is unknown on this one: exits 1 naming it, the other channel keeps its plan', async () => {
    await addScheduledChannel(fx.database);
    await addUtcChannel(fx.database, 'retro2', '4');
    const before = await plans();
    refusedInOneLine(await cli(['schedule-plan', 'remove', 'everyday', '--channel', 'retro2', '--force'], { database: fx.database }), /schedule plan "everyday" of channel "retro2" does not exist/);
    assert.deepEqual(await plans(), before);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro2', '--name', 'everyday']);
    await ok(fx.database, ['schedule-plan', 'remove', 'everyday', '--channel', 'retro2', '--force']);
    assert.deepEqual(await plans(), before);
  });
});

// CLI contract tests for `retrovue synthetic-asset remove` (contracts/synthetic-asset/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, buildDays, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: removes an unreferenced synthetic asset with --force; a referenced one is refused naming the referrer', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'free', '--kind', 'slate', '--seconds', '5']);
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'bars', '--kind', 'color-bars', '--seconds', '1800']);
    await ok(fx.database, ['zone', 'add', '--channel', 'retro1', '--plan', 'everyday', '--name', 'night', '--start', '18:00', '--end', '20:00', '--item', 'synthetic:bars']);
    assert.equal((await ok<{ removed: { name: string } }>(fx.database, ['synthetic-asset', 'remove', 'free', '--force'])).removed.name, 'free');
    refusedInOneLine(await cli(['synthetic-asset', 'remove', 'bars', '--force'], { database: fx.database }), /synthetic asset "bars" is used by zone "night" of plan "everyday" \(channel retro1\)/);
  });

  test('B-2: a synthetic asset in built days is refused without --force, reporting scheduled and aired slots', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'bars', '--kind', 'color-bars', '--seconds', '1800']);
    await ok(fx.database, ['zone', 'add', '--channel', 'retro1', '--plan', 'everyday', '--name', 'night', '--start', '18:00', '--end', '20:00', '--item', 'synthetic:bars']);
    await buildDays(fx.database);
    await ok(fx.database, ['zone', 'remove', 'night', '--channel', 'retro1', '--plan', 'everyday', '--force']);
    refusedInOneLine(await cli(['synthetic-asset', 'remove', 'bars'], { database: fx.database, typed: 'y\n', clock: friday }), /synthetic asset "bars" is in built schedule days: [3-8] scheduled slot\(s\) on retro1 \(2025-03-07 to 2025-03-08\), 0 already aired/);
    const bars = await fx.database.db.selectFrom('schedule_slot').select('start_ms').where('synthetic_kind', '=', 'color-bars').execute();
    assert.equal((await ok<{ in_use: { scheduled_slots: number } }>(fx.database, ['synthetic-asset', 'remove', 'bars', '--force'])).in_use.scheduled_slots, bars.length);
  });
});

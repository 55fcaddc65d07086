// CLI contract tests for `retrovue playlog build` (contracts/playlog/build.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

type Built = { expanded_days: string[]; events_added: number; playlog_end: string; warnings: string[] };

forEachDatabase((fx) => {
  test('B-1: expands whole days until --hours past now, prints what it added; a second run adds nothing', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '2']);
    const doc = await ok<Built>(fx.database, ['playlog', 'build', '--channel', 'retro1', '--hours', '6']);
    assert.deepEqual(doc.expanded_days, ['2025-03-07']);
    assert.ok(doc.events_added > 10);
    assert.equal(doc.playlog_end, '2025-03-08T06:00:00.000Z');
    assert.deepEqual(doc.warnings, []);
    const again = await ok<Built>(fx.database, ['playlog', 'build', '--channel', 'retro1', '--hours', '6']);
    assert.deepEqual([again.expanded_days, again.events_added], [[], 0]);
    const text = await cli(['playlog', 'build', '--channel', 'retro1', '--hours', '6'], { database: fx.database, clock: friday });
    assert.match(text.stdout, /the playlog of channel retro1 already reaches 6 h ahead/);
  });

  test('B-2: when built days end short of --hours, expands what is built and warns naming schedule-day build', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    const doc = await ok<Built>(fx.database, ['playlog', 'build', '--channel', 'retro1', '--hours', '48']);
    assert.deepEqual(doc.expanded_days, ['2025-03-07']);
    assert.match(doc.warnings[0] ?? '', /the playlog reaches only 2025-03-08T06:00:00.000Z, short of 2025-03-09T10:00:00.000Z: schedule days are built through 2025-03-07; run retrovue schedule-day build --channel retro1/);
  });

  test('B-3: no schedule day on air and no playlog exits 1 naming the channel and the command', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(
      await cli(['playlog', 'build', '--channel', 'retro1'], { database: fx.database, clock: friday }),
      /channel "retro1" has no playlog and no schedule day for 2025-03-07 \(on air now\) to expand; run retrovue schedule-day build --channel retro1 first/,
    );
  });
});

// CLI contract tests for `retrovue schedule-day list` (contracts/schedule-day/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints every built day with slots, avail time and warnings (or how to build them), exit 0', async () => {
    await addScheduledChannel(fx.database);
    assert.match((await cli(['schedule-day', 'list', '--channel', 'retro1'], { database: fx.database })).stdout, /no schedule days built for channel retro1; run retrovue schedule-day build --channel retro1/);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '2']);
    const doc = await ok<{ days: Array<{ programming_day: string; slots: number; avail_ms: number }> }>(fx.database, ['schedule-day', 'list', '--channel', 'retro1']);
    assert.deepEqual(doc.days.map((d) => d.programming_day), ['2025-03-07', '2025-03-08']);
    assert.ok(doc.days.every((d) => d.slots > 12 && d.avail_ms >= 12 * 3_600_000));
    assert.match((await cli(['schedule-day', 'list', '--channel', 'retro1'], { database: fx.database })).stdout, /2025-03-08  2025-03-08 06:00:00 → 2025-03-09 06:00:00  \d+ slots, 1\d\.\d h avails/);
  });

  test('B-2: an unknown channel exits 1 naming it', async () => {
    refusedInOneLine(await cli(['schedule-day', 'list', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
  });
});

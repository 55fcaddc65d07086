// CLI contract tests for `retrovue schedule-plan list` (contracts/schedule-plan/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints every plan with its zones and exits 0', async () => {
    await addScheduledChannel(fx.database);
    const doc = await ok<{ plans: Array<{ name: string; zones: Array<{ name: string; start: string; end: string }> }> }>(fx.database, ['schedule-plan', 'list']);
    assert.deepEqual(doc.plans.map((p) => p.name), ['everyday']);
    assert.deepEqual(doc.plans[0]?.zones.map((z) => `${z.name} ${z.start}-${z.end}`), ['morning 06:00-12:00', 'afternoon 12:00-18:00']);
    const text = await cli(['schedule-plan', 'list'], { database: fx.database });
    assert.match(text.stdout, /06:00–12:00\s+morning: program "Captain Comet"/);
  });

  test('B-2: with no plans prints an empty list and says how to add one', async () => {
    assert.deepEqual((await ok<{ plans: unknown[] }>(fx.database, ['schedule-plan', 'list'])).plans, []);
    const text = await cli(['schedule-plan', 'list'], { database: fx.database });
    assert.equal(text.exitCode, 0);
    assert.match(text.stdout, /no schedule plans yet; add one with retrovue schedule-plan add/);
  });

  test('B-3: an unknown --channel exits 1 naming it', async () => {
    refusedInOneLine(await cli(['schedule-plan', 'list', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
  });
});

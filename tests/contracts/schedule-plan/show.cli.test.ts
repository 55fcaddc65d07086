// CLI contract tests for `retrovue schedule-plan show` (contracts/schedule-plan/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the plan with zone windows as wall-clock times and items by name, exit 0', async () => {
    await addScheduledChannel(fx.database);
    const run = await cli(['schedule-plan', 'show', 'everyday', '--channel', 'retro1'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /plan "everyday" of channel retro1: every day, priority 0/);
    assert.match(run.stdout, /06:00–12:00\s+morning: program "Captain Comet"/);
    assert.match(run.stdout, /12:00–18:00\s+afternoon: program "Movies"/);
  });

  test('B-2: an unknown plan or channel exits 1 naming it', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(['schedule-plan', 'show', 'nope', '--channel', 'retro1'], { database: fx.database }), /schedule plan "nope" of channel "retro1" does not exist/);
    refusedInOneLine(await cli(['schedule-plan', 'show', 'everyday', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
  });
});

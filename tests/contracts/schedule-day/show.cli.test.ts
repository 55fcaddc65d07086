// CLI contract tests for `retrovue schedule-day show` (contracts/schedule-day/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the day entry by entry in the channel time zone (default the day on air), exit 0', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    const run = await cli(['schedule-day', 'show', '--channel', 'retro1'], { database: fx.database, clock: friday });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /channel retro1, 2025-03-07/);
    assert.match(run.stdout, /\n  06:00:00  Captain Comet S01E01 — Captain Comet S01E01  \[morning, until 06:30:00\]/);
    assert.match(run.stdout, /\n  12:00:00  (Big|Short) Movie  \[afternoon, until 1[34]:[03]0:00\]/);
    assert.match(run.stdout, /\n  1\d:[03]0:00  \(avail \d+ s\)/);
    const doc = await ok<{ entries: Array<{ kind: string; episode: string | null }> }>(fx.database, ['schedule-day', 'show', '--channel', 'retro1', '--date', '2025-03-07']);
    assert.equal(doc.entries[0]?.episode, 'S01E01');
  });

  test('B-2: a day not built, an unknown channel or a bad date exit 1 naming it', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(['schedule-day', 'show', '--channel', 'retro1', '--date', '2025-03-09'], { database: fx.database }), /schedule day 2025-03-09 of channel "retro1" is not built; run retrovue schedule-day build --channel retro1 --from 2025-03-09/);
    refusedInOneLine(await cli(['schedule-day', 'show', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
    refusedInOneLine(await cli(['schedule-day', 'show', '--channel', 'retro1', '--date', 'friday'], { database: fx.database }), /--date must be a real date/);
  });
});

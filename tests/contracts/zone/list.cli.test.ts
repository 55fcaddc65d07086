// CLI contract tests for `retrovue zone list` (contracts/zone/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints every zone of the channel (or of --plan) and exits 0', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'weekend', '--days', 'SAT']);
    await ok(fx.database, ['zone', 'add', '--channel', 'retro1', '--plan', 'weekend', '--name', 'all-day', '--start', '06:00', '--end', '24:00', '--item', 'program:Movies']);
    const all = await ok<{ zones: Array<{ plan: string; name: string; end: string }> }>(fx.database, ['zone', 'list', '--channel', 'retro1']);
    assert.deepEqual(all.zones.map((z) => `${z.plan}/${z.name}`), ['everyday/morning', 'everyday/afternoon', 'weekend/all-day']);
    assert.equal(all.zones[2]?.end, '24:00');
    const one = await ok<{ zones: Array<{ name: string }> }>(fx.database, ['zone', 'list', '--channel', 'retro1', '--plan', 'weekend']);
    assert.deepEqual(one.zones.map((z) => z.name), ['all-day']);
    const text = await cli(['zone', 'list', '--channel', 'retro1'], { database: fx.database });
    assert.match(text.stdout, /weekend: 06:00–24:00\s+all-day: program "Movies"/);
  });

  test('B-2: an unknown channel or plan exits 1 naming it', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(['zone', 'list', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
    refusedInOneLine(await cli(['zone', 'list', '--channel', 'retro1', '--plan', 'ghost'], { database: fx.database }), /schedule plan "ghost" of channel "retro1" does not exist/);
  });
});

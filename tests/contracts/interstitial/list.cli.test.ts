// CLI contract tests for `retrovue interstitial list` (contracts/interstitial/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addUtcChannel, ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints every assignment or only --channel\'s; an unknown channel exits 1 naming it', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    await addUtcChannel(fx.database, 'retro2', '4');
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro2', '--collection', 'lib/Commercials', '--role', 'commercial']);
    assert.equal((await ok<{ interstitials: unknown[] }>(fx.database, ['interstitial', 'list'])).interstitials.length, 2);
    assert.deepEqual((await ok<{ interstitials: unknown[] }>(fx.database, ['interstitial', 'list', '--channel', 'retro2'])).interstitials, [{ channel: 'retro2', collection: 'lib/Commercials', role: 'commercial' }]);
    assert.match((await cli(['interstitial', 'list'], { database: fx.database })).stdout, /retro1: lib\/Bumpers as bumper/);
    refusedInOneLine(await cli(['interstitial', 'list', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
  });
});

// CLI contract tests for `retrovue interstitial remove` (contracts/interstitial/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addUtcChannel, ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the removed assignment and exits 0; one that does not exist exits 1 naming it', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    const doc = await ok<{ removed: unknown }>(fx.database, ['interstitial', 'remove', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    assert.deepEqual(doc.removed, { channel: 'retro1', collection: 'lib/Bumpers', role: 'bumper' });
    refusedInOneLine(await cli(['interstitial', 'remove', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper'], { database: fx.database }), /lib\/Bumpers is not assigned to channel "retro1" as bumper/);
  });
});

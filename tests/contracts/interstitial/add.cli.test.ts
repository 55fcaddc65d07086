// CLI contract tests for `retrovue interstitial add` (contracts/interstitial/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addUtcChannel, ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the assignment and exits 0; assigning again says it already existed', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    const first = await ok<{ interstitial: { channel: string; collection: string; role: string }; created: boolean }>(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    assert.deepEqual(first, { interstitial: { channel: 'retro1', collection: 'lib/Bumpers', role: 'bumper' }, created: true });
    const again = await cli(['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper'], { database: fx.database });
    assert.equal(again.exitCode, 0);
    assert.match(again.stdout, /already assigned retro1: lib\/Bumpers as bumper/);
  });

  test('B-2: an unknown channel, collection or role is refused in one line, nothing written', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    refusedInOneLine(await cli(['interstitial', 'add', '--channel', 'ghost', '--collection', 'lib/Bumpers', '--role', 'bumper'], { database: fx.database }), /channel "ghost" does not exist/);
    refusedInOneLine(await cli(['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Ghost', '--role', 'bumper'], { database: fx.database }), /collection "lib\/Ghost" does not exist/);
    refusedInOneLine(await cli(['interstitial', 'add', '--channel', 'retro1', '--collection', 'ghost/Bumpers', '--role', 'bumper'], { database: fx.database }), /collection "ghost\/Bumpers" does not exist/);
    refusedInOneLine(await cli(['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'promo'], { database: fx.database }), /--role: must be one of bumper, commercial, station-id/);
    assert.deepEqual(await fx.database.db.selectFrom('channel_interstitial').selectAll().execute(), []);
  });
});

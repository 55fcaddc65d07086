// Data contract tests for `retrovue interstitial remove` (contracts/interstitial/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUtcChannel, ok, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: only the named assignment goes; the collection and its assets stay', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Commercials', '--role', 'commercial']);
    const catalog = async () => [await fx.database.db.selectFrom('collection').selectAll().orderBy('id').execute(), await fx.database.db.selectFrom('asset').selectAll().orderBy('id').execute()];
    const before = await catalog();
    await ok(fx.database, ['interstitial', 'remove', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper', '--force']);
    assert.deepEqual((await fx.database.db.selectFrom('channel_interstitial').select('role').execute()).map((r) => r.role), ['commercial']);
    assert.deepEqual(await catalog(), before);
  });
});

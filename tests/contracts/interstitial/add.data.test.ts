// Data contract tests for `retrovue interstitial add` (contracts/interstitial/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUtcChannel, ok, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: persisted once per channel, collection and role', async () => {
    const catalog = await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    for (let i = 0; i < 2; i++) await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Commercials', '--role', 'commercial']);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Commercials', '--role', 'station-id']);
    const rows = await fx.database.db.selectFrom('channel_interstitial').selectAll().orderBy('role').execute();
    assert.deepEqual(rows, [
      { channel_id: 'retro1', collection_id: catalog.collections['Commercials'], role: 'commercial' },
      { channel_id: 'retro1', collection_id: catalog.collections['Commercials'], role: 'station-id' },
    ]);
  });
});

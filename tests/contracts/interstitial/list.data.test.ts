// Data contract tests for `retrovue interstitial list` (contracts/interstitial/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUtcChannel, ok, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: ordered by channel, role, then collection', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database, 'b', '2');
    await addUtcChannel(fx.database, 'a', '1');
    for (const [channel, collection, role] of [['b', 'Bumpers', 'bumper'], ['a', 'Commercials', 'commercial'], ['a', 'Bumpers', 'commercial'], ['a', 'Bumpers', 'bumper']]) {
      await ok(fx.database, ['interstitial', 'add', '--channel', channel as string, '--collection', `lib/${collection}`, '--role', role as string]);
    }
    const doc = await ok<{ interstitials: Array<{ channel: string; collection: string; role: string }> }>(fx.database, ['interstitial', 'list']);
    assert.deepEqual(doc.interstitials.map((i) => `${i.channel} ${i.role} ${i.collection}`), ['a bumper lib/Bumpers', 'a commercial lib/Bumpers', 'a commercial lib/Commercials', 'b bumper lib/Bumpers']);
  });
});

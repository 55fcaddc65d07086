// Data contract tests for `retrovue channel remove` (contracts/channel/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the removed channel is gone and every other channel is unchanged', async () => {
    await addChannel(fx.database, 'a', '1');
    await addChannel(fx.database, 'b', '2');
    await addChannel(fx.database, 'c', '3');
    const all = () => fx.database.db.selectFrom('channel').selectAll().orderBy('id').execute();
    const before = await all();
    assert.equal((await cli(['channel', 'remove', 'b', '--force'], { database: fx.database })).exitCode, 0);
    assert.deepEqual(await all(), before.filter((r) => r.id !== 'b'));
  });
});

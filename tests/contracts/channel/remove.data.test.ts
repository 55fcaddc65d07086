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

  test('D-2: output that breaks the contract fails before the commit, so the channel stays (--json and text)', async () => {
    await addChannel(fx.database, 'inf', '1');
    // What an older build stored for 400 nines (parseInt → Infinity): the contract's number pattern refuses it.
    await fx.database.db.updateTable('channel').set({ number: 'Infinity' }).where('id', '=', 'inf').execute();
    for (const mode of [['--json'], []]) {
      const run = await cli(['channel', 'remove', 'inf', '--force', ...mode], { database: fx.database });
      assert.equal(run.exitCode, 1, run.stdout);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /contract_violation|breaks its contract/);
      assert.match(run.stderr, /\/removed\/number must match pattern/);
      const left = await fx.database.db.selectFrom('channel').select(['id', 'number']).execute();
      assert.deepEqual(left, [{ id: 'inf', number: 'Infinity' }], `after ${mode.join(' ') || 'text mode'}`);
    }
  });
});

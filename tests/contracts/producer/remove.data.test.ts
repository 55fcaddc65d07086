// Data contract tests for `retrovue producer remove` (contracts/producer/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const ids = async () => (await fx.database.db.selectFrom('producer').select('id').orderBy('id').execute()).map((r) => r.id);

  test('D-1: a removed producer is no longer persisted; a dry run, an unconfirmed or a refused removal change nothing', async () => {
    for (const id of ['bars', 'keep']) assert.equal((await cli(['producer', 'add', '--id', id, '--type', 'test-pattern'], { database: fx.database })).exitCode, 0);
    assert.equal((await cli(['producer', 'remove', 'bars', '--dry-run'], { database: fx.database })).exitCode, 0);
    assert.equal((await cli(['producer', 'remove', 'bars'], { database: fx.database })).exitCode, 1);
    assert.deepEqual(await ids(), ['bars', 'keep']);
    await addChannel(fx.database, 'retro1', '3');
    await fx.database.db.updateTable('channel').set({ producer_id: 'keep' }).execute();
    assert.equal((await cli(['producer', 'remove', 'keep', '--force'], { database: fx.database })).exitCode, 1);
    assert.equal((await cli(['producer', 'remove', 'bars', '--force'], { database: fx.database })).exitCode, 0);
    assert.deepEqual(await ids(), ['keep']);
    assert.equal((await fx.database.db.selectFrom('channel').select('producer_id').executeTakeFirstOrThrow()).producer_id, 'keep');
  });
});

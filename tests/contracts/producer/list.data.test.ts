// Data contract tests for `retrovue producer list` (contracts/producer/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: each producer lists the channels that use it, as persisted', async () => {
    assert.equal((await cli(['producer', 'add', '--id', 'bars', '--type', 'test-pattern'], { database: fx.database })).exitCode, 0);
    assert.equal((await cli(['producer', 'add', '--id', 'idle', '--type', 'schedule'], { database: fx.database })).exitCode, 0);
    for (const [id, number] of [['b', '4'], ['a', '3'], ['c', '5']] as const) await addChannel(fx.database, id, number);
    await fx.database.db.updateTable('channel').set({ producer_id: 'bars' }).where('id', 'in', ['a', 'b']).execute();
    const run = await cli(['producer', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const producers = json<{ producers: Array<{ id: string; channels: string[] }> }>(run).producers;
    assert.deepEqual(producers.map((p) => [p.id, p.channels]), [['bars', ['a', 'b']], ['idle', []]]);
  });
});

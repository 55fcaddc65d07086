// Data contract tests for `retrovue channel list` (contracts/channel/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: orders channels by dial number numerically, subchannels after their major', async () => {
    for (const [id, number] of [['ten', '10'], ['seven-two', '7.2'], ['two', '2'], ['seven', '7'], ['seven-one', '7.1']] as const) {
      await addChannel(fx.database, id, number);
    }
    const { channels } = json<{ channels: Array<{ number: string }> }>(await cli(['channel', 'list', '--json'], { database: fx.database }));
    assert.deepEqual(channels.map((c) => c.number), ['2', '7', '7.1', '7.2', '10']);
  });

  test('D-2: listing writes nothing', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const before = await fx.database.db.selectFrom('channel').selectAll().execute();
    assert.equal((await cli(['channel', 'list'], { database: fx.database })).exitCode, 0);
    assert.equal((await cli(['channel', 'list', '--json', '--enabled-only'], { database: fx.database })).exitCode, 0);
    assert.deepEqual(await fx.database.db.selectFrom('channel').selectAll().execute(), before);
  });
});

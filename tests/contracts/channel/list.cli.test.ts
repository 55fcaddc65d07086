// CLI contract tests for `retrovue channel list` (contracts/channel/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Listed {
  channels: Array<{ id: string; number: string; enabled: boolean; grid_block_minutes: number }>;
}

forEachDatabase((fx) => {
  test('B-1: prints every channel, as JSON matching the output schema, and exits 0', async () => {
    await addChannel(fx.database, 'retro1', '3');
    await addChannel(fx.database, 'retro2', '4', ['--grid-block-minutes', '60']);
    const run = await cli(['channel', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const { channels } = json<Listed>(run);
    assert.deepEqual(channels.map((c) => [c.id, c.grid_block_minutes]), [['retro1', 30], ['retro2', 60]]);
    const text = await cli(['channel', 'list'], { database: fx.database });
    assert.match(text.stdout, /^NUMBER\s+ID\s+NAME/);
    assert.match(text.stdout, /\n3\s+retro1\s+Channel retro1\s+30m/);
  });

  test('B-2: an empty catalog prints an empty list and exits 0', async () => {
    const run = await cli(['channel', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0);
    assert.deepEqual(json<Listed>(run).channels, []);
    const text = await cli(['channel', 'list'], { database: fx.database });
    assert.equal(text.exitCode, 0);
    assert.match(text.stdout, /no channels yet/);
  });

  test('B-3: --enabled-only omits disabled channels', async () => {
    await addChannel(fx.database, 'on', '1');
    await addChannel(fx.database, 'off', '2', ['--no-enabled']);
    const all = json<Listed>(await cli(['channel', 'list', '--json'], { database: fx.database }));
    assert.deepEqual(all.channels.map((c) => c.id), ['on', 'off']);
    const enabled = json<Listed>(await cli(['channel', 'list', '--enabled-only', '--json'], { database: fx.database }));
    assert.deepEqual(enabled.channels.map((c) => c.id), ['on']);
  });
});

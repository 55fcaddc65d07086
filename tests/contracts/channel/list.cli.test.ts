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
    await addChannel(fx.database, 'late', '12', ['--block-start-offsets-minutes', '0,15', '--programming-day-start', '05:30', '--no-enabled']);
    const run = await cli(['channel', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const { channels } = json<Listed>(run);
    assert.deepEqual(channels.map((c) => [c.id, c.grid_block_minutes]), [['retro1', 30], ['retro2', 60], ['late', 30]]);
  });

  test('B-1: text mode prints a header and one row per channel, every column, in dial order, and exits 0', async () => {
    await addChannel(fx.database, 'late', '12', ['--block-start-offsets-minutes', '0,15', '--programming-day-start', '05:30', '--no-enabled']);
    await addChannel(fx.database, 'retro2', '4', ['--grid-block-minutes', '60']);
    await addChannel(fx.database, 'retro1', '3');
    const text = await cli(['channel', 'list'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stderr, '');
    const lines = text.stdout.trimEnd().split('\n').map((line) => line.split(/\s{2,}/));
    assert.deepEqual(lines, [
      ['NUMBER', 'ID', 'NAME', 'GRID', 'OFFSETS', 'DAY START', 'TIMEZONE', 'ENABLED'],
      ['3', 'retro1', 'Channel retro1', '30m', '0', '06:00', 'UTC', 'yes'],
      ['4', 'retro2', 'Channel retro2', '60m', '0', '06:00', 'UTC', 'yes'],
      ['12', 'late', 'Channel late', '30m', '0,15', '05:30', 'UTC', 'no'],
    ]);
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

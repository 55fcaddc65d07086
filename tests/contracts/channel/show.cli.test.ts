// CLI contract tests for `retrovue channel show` (contracts/channel/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the channel with every grid field and exits 0', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--grid-block-minutes', '60', '--block-start-offsets-minutes', '0,30']);
    const run = await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const { channel } = json<{ channel: Record<string, unknown> }>(run);
    assert.equal(channel['grid_block_minutes'], 60);
    assert.deepEqual(channel['block_start_offsets_minutes'], [0, 30]);
    assert.equal(channel['programming_day_start'], '06:00');
    assert.equal(channel['timezone'], 'UTC');
    const text = await cli(['channel', 'show', 'retro1'], { database: fx.database });
    assert.match(text.stdout, /grid 60 min, starts at \+0,30 min, day starts 06:00 UTC/);
  });

  test('B-2: an unknown id exits 1 with one line naming it', async () => {
    const run = await cli(['channel', 'show', 'nope'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'retrovue: error: channel "nope" does not exist; see retrovue channel list\n');
  });
});

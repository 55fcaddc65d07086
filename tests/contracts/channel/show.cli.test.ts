// CLI contract tests for `retrovue channel show` (contracts/channel/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

  test('B-3: says whether the channel has a logo, and its type and size', async () => {
    await addChannel(fx.database, 'retro1', '3');
    assert.match((await cli(['channel', 'show', 'retro1'], { database: fx.database })).stdout, /logo none/);
    assert.equal(json<{ logo: unknown }>(await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database })).logo, null);
    const dir = mkdtempSync(join(tmpdir(), 'retrovue-show-logo-'));
    try {
      const logo = join(dir, 'logo.webp');
      writeFileSync(logo, Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(8)]));
      assert.equal((await cli(['channel', 'update', 'retro1', '--logo', logo], { database: fx.database })).exitCode, 0);
      assert.match((await cli(['channel', 'show', 'retro1'], { database: fx.database })).stdout, /logo image\/webp, 24 bytes/);
      const doc = json<{ logo: { content_type: string; bytes: number } }>(await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database }));
      assert.deepEqual([doc.logo.content_type, doc.logo.bytes], ['image/webp', 24]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// CLI contract tests for `retrovue channel remove` (contracts/channel/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const exists = async (id: string) =>
    (await fx.database.db.selectFrom('channel').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  test('B-1: with --force removes the channel, prints it and exits 0', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const run = await cli(['channel', 'remove', 'retro1', '--force', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(json<{ removed: { id: string } }>(run).removed.id, 'retro1');
    assert.equal(await exists('retro1'), false);
  });

  test('B-2: without --force and without a TTY refuses with exit 1 and removes nothing', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const run = await cli(['channel', 'remove', 'retro1'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /refusing to remove channel "retro1" .* without confirmation: no terminal to ask on, pass --force/);
    assert.equal(await exists('retro1'), true);
  });

  test('B-3: on a TTY asks y/N and removes only on an explicit yes', async () => {
    await addChannel(fx.database, 'retro1', '3');
    for (const answer of ['\n', 'n\n', 'yep?\n', '']) {
      const run = await cli(['channel', 'remove', 'retro1'], { database: fx.database, typed: answer });
      assert.equal(run.exitCode, 1, `answer ${JSON.stringify(answer)}`);
      assert.match(run.stderr, /Really remove channel "retro1" \(Channel retro1, number 3\)\? \[y\/N\]/);
      assert.equal(await exists('retro1'), true);
    }
    const yes = await cli(['channel', 'remove', 'retro1'], { database: fx.database, typed: 'y\n' });
    assert.equal(yes.exitCode, 0, yes.stderr);
    assert.match(yes.stdout, /removed channel retro1/);
    assert.equal(await exists('retro1'), false);
  });

  test('B-4: an unknown id exits 1 with one line naming it', async () => {
    const run = await cli(['channel', 'remove', 'ghost', '--force'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, 'retrovue: error: channel "ghost" does not exist; see retrovue channel list\n');
  });

  test('B-5: --dry-run reports the channel it would remove and keeps it', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const run = await cli(['channel', 'remove', 'retro1', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<{ removed: { id: string }; dry_run: boolean }>(run);
    assert.equal(doc.removed.id, 'retro1');
    assert.equal(doc.dry_run, true);
    assert.equal(await exists('retro1'), true);
  });
});

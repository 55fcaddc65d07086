// CLI contract tests for `retrovue producer remove` (contracts/producer/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const run = (...argv: string[]) => cli(['producer', ...argv], { database: fx.database });
  const addBars = async () => assert.equal((await run('add', '--id', 'bars', '--type', 'test-pattern')).exitCode, 0);

  test('B-1: with --force it removes the producer and exits 0; without --force and no TTY it refuses; an unknown id is named', async () => {
    await addBars();
    const unconfirmed = await run('remove', 'bars');
    assert.equal(unconfirmed.exitCode, 1);
    assert.match(unconfirmed.stderr, /remove producer "bars" \(test-pattern\)/);
    const removed = await run('remove', 'bars', '--force', '--json');
    assert.equal(removed.exitCode, 0, removed.stderr);
    assert.deepEqual([json<{ removed: { id: string; type: string } }>(removed).removed.id, json<{ removed: { type: string } }>(removed).removed.type], ['bars', 'test-pattern']);
    await addBars();
    const text = await run('remove', 'bars', '--force');
    assert.equal(text.stdout, 'removed producer bars\n');
    const unknown = await run('remove', 'ghost', '--force');
    assert.equal(unknown.exitCode, 1);
    assert.equal(unknown.stderr, 'retrovue: error: producer "ghost" does not exist; see retrovue producer list\n');
  });

  test('B-2: a producer used by a channel is refused with exit 1 naming the channels, even with --force', async () => {
    await addBars();
    await addChannel(fx.database, 'retro1', '3');
    await addChannel(fx.database, 'retro2', '4');
    await fx.database.db.updateTable('channel').set({ producer_id: 'bars' }).execute();
    const refused = await run('remove', 'bars', '--force');
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stderr, 'retrovue: error: producer "bars" is used by channel retro1, retro2; switch them first (retrovue channel update <id> --producer default)\n');
  });
});

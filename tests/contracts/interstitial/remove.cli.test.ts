// CLI contract tests for `retrovue interstitial remove` (contracts/interstitial/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addUtcChannel, ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the removed assignment and exits 0; one that does not exist exits 1 naming it', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    const doc = await ok<{ removed: unknown }>(fx.database, ['interstitial', 'remove', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper', '--force']);
    assert.deepEqual(doc.removed, { channel: 'retro1', collection: 'lib/Bumpers', role: 'bumper' });
    refusedInOneLine(await cli(['interstitial', 'remove', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper', '--force'], { database: fx.database }), /lib\/Bumpers is not assigned to channel "retro1" as bumper/);
  });

  test('B-1: removes the assignment of the named role only; the same collection in another role on the channel stays', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'commercial']);
    const doc = await ok<{ removed: unknown }>(fx.database, ['interstitial', 'remove', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper', '--force']);
    assert.deepEqual(doc.removed, { channel: 'retro1', collection: 'lib/Bumpers', role: 'bumper' });
    const left = await ok<{ interstitials: unknown[] }>(fx.database, ['interstitial', 'list', '--channel', 'retro1']);
    assert.deepEqual(left.interstitials, [{ channel: 'retro1', collection: 'lib/Bumpers', role: 'commercial' }]);
  });

  const assigned = async () => (await fx.database.db.selectFrom('channel_interstitial').select('role').execute()).map((r) => r.role);
  const remove = ['interstitial', 'remove', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper'];

  test('B-2: without --force and without a TTY refuses in one line and removes nothing; on a TTY only an explicit yes removes', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    refusedInOneLine(await cli(remove, { database: fx.database }), /refusing to stop filling the avails of channel "retro1" with lib\/Bumpers as bumper without confirmation: no terminal to ask on, pass --force/);
    assert.deepEqual(await assigned(), ['bumper']);
    const no = await cli(remove, { database: fx.database, typed: 'n\n' });
    assert.equal(no.exitCode, 1);
    assert.deepEqual(await assigned(), ['bumper']);
    const yes = await cli(remove, { database: fx.database, typed: 'y\n' });
    assert.equal(yes.exitCode, 0, yes.stderr);
    assert.deepEqual(await assigned(), []);
  });

  test('B-3: --dry-run reports the assignment it would remove and keeps it', async () => {
    await seedLibrary(fx.database);
    await addUtcChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    const doc = await ok<{ removed: unknown; dry_run: boolean }>(fx.database, [...remove, '--dry-run']);
    assert.deepEqual(doc, { removed: { channel: 'retro1', collection: 'lib/Bumpers', role: 'bumper' }, dry_run: true });
    assert.deepEqual(await assigned(), ['bumper']);
  });
});

// CLI contract tests for `retrovue enricher remove` (contracts/enricher/remove.yaml).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Removed {
  removed: { id: string; type: string; kind: string; config: Record<string, unknown>; collections: string[] };
  dry_run?: boolean;
}

let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const run = (argv: string[], typed?: string) => cli(argv, typed === undefined ? { database: fx.database } : { database: fx.database, typed });
  const ids = async () => (await fx.database.db.selectFrom('enricher').select('id').orderBy('id').execute()).map((r) => r.id);
  const addNames = async () => assert.equal((await run(['enricher', 'add', '--id', 'names', '--type', 'filename', '--config', '{}'])).exitCode, 0);

  test('B-1: with --force it removes the enricher, prints it and exits 0', async () => {
    await addNames();
    const removed = await run(['enricher', 'remove', 'names', '--force', '--json']);
    assert.equal(removed.exitCode, 0, removed.stderr);
    assert.equal(removed.stderr, '');
    const doc = json<Removed>(removed);
    assert.deepEqual(
      { id: doc.removed.id, type: doc.removed.type, kind: doc.removed.kind, collections: doc.removed.collections },
      { id: 'names', type: 'filename', kind: 'ingest', collections: [] },
    );
    assert.deepEqual(await ids(), ['ffprobe', 'filename']);

    await addNames();
    const text = await run(['enricher', 'remove', 'names', '--force']);
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stdout, 'removed enricher names\n');
  });

  test('B-1: without --force and without a terminal it refuses with exit 1 and removes nothing', async () => {
    await addNames();
    const refused = await run(['enricher', 'remove', 'names']);
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stdout, '');
    assert.equal(
      refused.stderr,
      'retrovue: error: refusing to remove enricher "names" (filename) without confirmation: no terminal to ask on, pass --force\n',
    );
    assert.deepEqual(await ids(), ['ffprobe', 'filename', 'names']);
  });

  test('B-1: on a terminal it asks y/N: only yes removes', async () => {
    await addNames();
    const no = await run(['enricher', 'remove', 'names'], 'n\n');
    assert.equal(no.exitCode, 1);
    assert.match(no.stderr, /Really remove enricher "names" \(filename\)\? \[y\/N\] /);
    assert.match(no.stderr, /did not remove enricher "names" \(filename\): not confirmed/);
    assert.deepEqual(await ids(), ['ffprobe', 'filename', 'names']);
    const yes = await run(['enricher', 'remove', 'names'], 'y\n');
    assert.equal(yes.exitCode, 0, yes.stderr);
    assert.deepEqual(await ids(), ['ffprobe', 'filename']);
  });

  test('B-1: an unknown enricher exits 1 naming it', async () => {
    const refused = await run(['enricher', 'remove', 'tvdb', '--force']);
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stderr, 'retrovue: error: enricher "tvdb" does not exist; see retrovue enricher list\n');
  });

  test('B-2: an enricher still attached is refused with exit 1 naming the collections, even with --force', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    await addNames();
    for (const ref of ['lib/Series', 'lib/Movies']) {
      assert.equal((await run(['collection', 'attach-enricher', ref, '--enricher', 'names'])).exitCode, 0);
    }
    const refused = await run(['enricher', 'remove', 'names', '--force']);
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stdout, '');
    assert.equal(
      refused.stderr,
      'retrovue: error: enricher "names" is attached to lib/Movies, lib/Series; detach it first (retrovue collection detach-enricher <ref> --enricher names)\n',
    );
    const asJson = await run(['enricher', 'remove', 'names', '--force', '--json']);
    assert.equal(asJson.exitCode, 1);
    assert.equal(asJson.stdout, '');
    const { error } = JSON.parse(asJson.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'refused');
    assert.match(error.message, /attached to lib\/Movies, lib\/Series/);
    assert.deepEqual(await ids(), ['ffprobe', 'filename', 'names']);
  });

  test('B-2: the built-in enrichers attached by discovery are refused too, naming every collection', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const refused = await run(['enricher', 'remove', 'ffprobe', '--force']);
    assert.equal(refused.exitCode, 1);
    assert.match(refused.stderr, /^retrovue: error: enricher "ffprobe" is attached to lib\/\., lib\/Broken, lib\/Bumpers, lib\/Commercials, lib\/Movies, lib\/Series; detach it first/);
    // Once detached everywhere it can go.
    for (const name of ['.', 'Broken', 'Bumpers', 'Commercials', 'Movies', 'Series']) {
      assert.equal((await run(['collection', 'detach-enricher', `lib/${name}`, '--enricher', 'ffprobe'])).exitCode, 0);
    }
    const removed = await run(['enricher', 'remove', 'ffprobe', '--force']);
    assert.equal(removed.exitCode, 0, removed.stderr);
    assert.deepEqual(await ids(), ['filename']);
  });

  test("B-2: a playout enricher in a channel's chain is refused with exit 1 naming the channels, even with --force", async () => {
    assert.equal((await run(['enricher', 'add', '--id', 'tape', '--type', 'vhs'])).exitCode, 0);
    assert.equal((await run(['channel', 'add', '--id', 'retro1', '--name', 'Retro', '--number', '3', '--timezone', 'UTC'])).exitCode, 0);
    assert.equal((await run(['channel', 'update', 'retro1', '--enrichers', 'tape'])).exitCode, 0);
    const refused = await run(['enricher', 'remove', 'tape', '--force']);
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stderr, 'retrovue: error: enricher "tape" decorates channel retro1; take it out of their chains first (retrovue channel update <id> --enrichers …)\n');
    assert.equal((await run(['channel', 'update', 'retro1', '--enrichers', ''])).exitCode, 0);
    assert.equal((await run(['enricher', 'remove', 'tape', '--force'])).exitCode, 0);
  });
});

// CLI contract tests for `retrovue collection detach-enricher` (contracts/collection/detach-enricher.yaml).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary, enricherAttachments } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Detached {
  collection: { ref: string; enrichers: string[] };
  dry_run?: boolean;
}

let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const detach = (...args: string[]) => cli(['collection', 'detach-enricher', ...args], { database: fx.database });
  const order = async (name: string) => (await enricherAttachments(fx.database, name)).map(([id]) => id);

  test('B-1: prints the collection with its remaining enrichers and exits 0', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const run = await detach('lib/Series', '--enricher', 'filename', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const doc = json<Detached>(run);
    assert.equal(doc.collection.ref, 'lib/Series');
    assert.deepEqual(doc.collection.enrichers, ['ffprobe']);
    assert.deepEqual(await order('Series'), ['ffprobe']);
  });

  test('B-1: text mode lists what remains, and says when nothing does', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const first = await detach('lib/Series', '--enricher', 'ffprobe');
    assert.equal(first.exitCode, 0, first.stderr);
    assert.equal(first.stdout, 'detached ffprobe: filename\n');
    const last = await detach('lib/Series', '--enricher', 'filename');
    assert.equal(last.exitCode, 0, last.stderr);
    assert.equal(last.stdout, 'detached filename: no enrichers left\n');
    assert.deepEqual(await order('Series'), []);
  });

  test('B-1: with --dry-run it prints the collection as it would become and detaches nothing', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const run = await detach('lib/Series', '--enricher', 'ffprobe', '--dry-run', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Detached>(run);
    assert.equal(doc.dry_run, true);
    assert.deepEqual(doc.collection.enrichers, ['filename']);
    assert.deepEqual(await order('Series'), ['ffprobe', 'filename']);
  });

  test('B-2: an enricher that is defined but not attached is refused with exit 1 naming it', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    assert.equal((await cli(['enricher', 'add', '--id', 'names', '--type', 'filename'], { database: fx.database })).exitCode, 0);
    const run = await detach('lib/Series', '--enricher', 'names');
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'retrovue: error: enricher "names" is not attached to lib/Series\n');
    assert.deepEqual(await order('Series'), ['ffprobe', 'filename']);
  });

  test('B-2: an unknown enricher, or one already detached, is refused with exit 1 naming it', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const unknown = await detach('lib/Series', '--enricher', 'tvdb', '--json');
    assert.equal(unknown.exitCode, 1);
    assert.equal(unknown.stdout, '');
    const { error } = JSON.parse(unknown.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'not_found');
    assert.equal(error.message, 'enricher "tvdb" is not attached to lib/Series');

    assert.equal((await detach('lib/Series', '--enricher', 'filename')).exitCode, 0);
    const again = await detach('lib/Series', '--enricher', 'filename');
    assert.equal(again.exitCode, 1);
    assert.equal(again.stderr, 'retrovue: error: enricher "filename" is not attached to lib/Series\n');
  });
});

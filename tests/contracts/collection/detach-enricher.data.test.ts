// Data contract tests for `retrovue collection detach-enricher` (contracts/collection/detach-enricher.yaml).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary, enricherAttachments } from '../../support/catalog.js';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const ok = async (...argv: string[]) => {
    const run = await cli(argv, { database: fx.database });
    assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
  };
  const rows = (name: string) => enricherAttachments(fx.database, name);
  const enricherRows = () => fx.database.db.selectFrom('enricher').selectAll().orderBy('id').execute();

  test('D-1: the remaining enrichers keep their relative order, renumbered 1..n, and the enricher stays defined', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    for (const id of ['a', 'b']) await ok('enricher', 'add', '--id', id, '--type', 'filename');
    await ok('collection', 'attach-enricher', 'lib/Series', '--enricher', 'a', '--position', '1');
    await ok('collection', 'attach-enricher', 'lib/Series', '--enricher', 'b', '--position', '3');
    assert.deepEqual(await rows('Series'), [['a', 1], ['ffprobe', 2], ['b', 3], ['filename', 4]]);
    const defined = await enricherRows();

    await ok('collection', 'detach-enricher', 'lib/Series', '--enricher', 'ffprobe');
    assert.deepEqual(await rows('Series'), [['a', 1], ['b', 2], ['filename', 3]]);
    await ok('collection', 'detach-enricher', 'lib/Series', '--enricher', 'a');
    assert.deepEqual(await rows('Series'), [['b', 1], ['filename', 2]]);
    await ok('collection', 'detach-enricher', 'lib/Series', '--enricher', 'filename');
    assert.deepEqual(await rows('Series'), [['b', 1]]);

    // Every enricher is still defined, unchanged, and still attached elsewhere.
    assert.deepEqual(await enricherRows(), defined);
    assert.deepEqual(await rows('Movies'), [['ffprobe', 1], ['filename', 2]]);
    // A detached enricher can be attached again.
    await ok('collection', 'attach-enricher', 'lib/Series', '--enricher', 'ffprobe');
    assert.deepEqual(await rows('Series'), [['b', 1], ['ffprobe', 2]]);
  });
});

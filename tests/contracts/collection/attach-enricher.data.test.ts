// Data contract tests for `retrovue collection attach-enricher` (contracts/collection/attach-enricher.yaml).
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

  test('D-1: inserts at the given position (default last), the others keeping their relative order', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    for (const id of ['a', 'b', 'c', 'd']) await ok('enricher', 'add', '--id', id, '--type', 'filename');

    await ok('collection', 'attach-enricher', 'lib/Series', '--enricher', 'a');
    assert.deepEqual(await rows('Series'), [['ffprobe', 1], ['filename', 2], ['a', 3]]);

    await ok('collection', 'attach-enricher', 'lib/Series', '--enricher', 'b', '--position', '1');
    assert.deepEqual(await rows('Series'), [['b', 1], ['ffprobe', 2], ['filename', 3], ['a', 4]]);

    await ok('collection', 'attach-enricher', 'lib/Series', '--enricher', 'c', '--position', '3');
    assert.deepEqual(await rows('Series'), [['b', 1], ['ffprobe', 2], ['c', 3], ['filename', 4], ['a', 5]]);

    // A position past the end means last.
    await ok('collection', 'attach-enricher', 'lib/Series', '--enricher', 'd', '--position', '99');
    assert.deepEqual(await rows('Series'), [['b', 1], ['ffprobe', 2], ['c', 3], ['filename', 4], ['a', 5], ['d', 6]]);

    // Other collections keep their own order.
    assert.deepEqual(await rows('Movies'), [['ffprobe', 1], ['filename', 2]]);
  });

  test('D-1: into an empty order the enricher lands at position 1; a refused or dry-run attach writes nothing', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    await ok('collection', 'detach-enricher', 'lib/Movies', '--enricher', 'ffprobe');
    await ok('collection', 'detach-enricher', 'lib/Movies', '--enricher', 'filename');
    assert.deepEqual(await rows('Movies'), []);
    await ok('collection', 'attach-enricher', 'lib/Movies', '--enricher', 'filename', '--position', '2');
    assert.deepEqual(await rows('Movies'), [['filename', 1]]);

    await ok('collection', 'attach-enricher', 'lib/Movies', '--enricher', 'ffprobe', '--position', '1', '--dry-run');
    assert.deepEqual(await rows('Movies'), [['filename', 1]]);
    const refused = await cli(['collection', 'attach-enricher', 'lib/Movies', '--enricher', 'filename'], { database: fx.database });
    assert.equal(refused.exitCode, 1);
    assert.deepEqual(await rows('Movies'), [['filename', 1]]);
    const zero = await cli(['collection', 'attach-enricher', 'lib/Movies', '--enricher', 'ffprobe', '--position', '0'], { database: fx.database });
    assert.equal(zero.exitCode, 1);
    assert.match(zero.stderr, /--position/);
    assert.deepEqual(await rows('Movies'), [['filename', 1]]);
  });
});

// CLI contract tests for `retrovue collection attach-enricher` (contracts/collection/attach-enricher.yaml).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary, enricherAttachments } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Attached {
  collection: { ref: string; enrichers: string[] };
}

let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const run = (...argv: string[]) => cli(argv, { database: fx.database });
  const attach = (...args: string[]) => run('collection', 'attach-enricher', ...args);
  const order = async (name: string) => (await enricherAttachments(fx.database, name)).map(([id]) => id);

  async function setUp(): Promise<void> {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const added = await run('enricher', 'add', '--id', 'names', '--type', 'filename');
    assert.equal(added.exitCode, 0, added.stderr);
  }

  test('B-1: prints the collection with its enrichers in their new order and exits 0', async () => {
    await setUp();
    const run1 = await attach('lib/Series', '--enricher', 'names', '--position', '1', '--json');
    assert.equal(run1.exitCode, 0, run1.stderr);
    assert.equal(run1.stderr, '');
    const doc = json<Attached>(run1);
    assert.equal(doc.collection.ref, 'lib/Series');
    assert.deepEqual(doc.collection.enrichers, ['names', 'ffprobe', 'filename']);
    assert.deepEqual(await order('Series'), ['names', 'ffprobe', 'filename']);
  });

  test('B-1: text mode shows the new order; the collection may be named by id', async () => {
    await setUp();
    const { id } = await fx.database.db.selectFrom('collection').select('id').where('name', '=', 'Movies').executeTakeFirstOrThrow();
    const text = await attach(id, '--enricher', 'names');
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stdout, 'attached names: ffprobe → filename → names\n');
    assert.deepEqual(await order('Movies'), ['ffprobe', 'filename', 'names']);
  });

  test('B-2: an unknown enricher is refused with exit 1 naming it', async () => {
    await setUp();
    const refused = await attach('lib/Series', '--enricher', 'tvdb');
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stdout, '');
    assert.equal(refused.stderr, 'retrovue: error: enricher "tvdb" does not exist; see retrovue enricher list\n');
    assert.deepEqual(await order('Series'), ['ffprobe', 'filename']);
  });

  test('B-2: a playout enricher is refused with exit 1 naming it', async () => {
    await setUp();
    // No playout enricher type ships yet, so the instance is written as a future one would be.
    await fx.database.db.insertInto('enricher').values({ id: 'bug', type: 'station-bug', kind: 'playout', config: '{}' }).execute();
    const refused = await attach('lib/Series', '--enricher', 'bug', '--json');
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stdout, '');
    const { error } = JSON.parse(refused.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'invalid_input');
    assert.equal(error.message, 'enricher "bug" is a playout enricher; only ingest enrichers attach to collections');
    assert.deepEqual(await order('Series'), ['ffprobe', 'filename']);
  });

  test('B-2: an enricher already attached is refused with exit 1 naming it and the collection', async () => {
    await setUp();
    const refused = await attach('lib/Series', '--enricher', 'filename', '--position', '1');
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stdout, '');
    assert.equal(refused.stderr, 'retrovue: error: enricher "filename" is already attached to lib/Series\n');
    assert.deepEqual(await order('Series'), ['ffprobe', 'filename']);
  });

  test('B-2: an unknown collection is refused with exit 1 naming it', async () => {
    await setUp();
    const refused = await attach('lib/Nope', '--enricher', 'names');
    assert.equal(refused.exitCode, 1);
    assert.match(refused.stderr, /^retrovue: error: collection "lib\/Nope" does not exist/);
  });
});

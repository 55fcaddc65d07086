// CLI contract tests for `retrovue collection show` (contracts/collection/show.yaml).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Shown {
  collection: { id: string; ref: string; source: string; name: string; external_key: string; source_path: string; enrichers: string[] };
}

let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const show = (...args: string[]) => cli(['collection', 'show', ...args], { database: fx.database });

  test('B-1: finds a collection by <source>/<name> and by id, printing the same collection, and exits 0', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const byRef = await show('lib/Series', '--json');
    assert.equal(byRef.exitCode, 0, byRef.stderr);
    const { collection } = json<Shown>(byRef);
    assert.equal(collection.ref, 'lib/Series');
    assert.equal(collection.source, 'lib');
    assert.equal(collection.name, 'Series');
    assert.equal(collection.external_key, 'Series');
    assert.equal(collection.source_path, join(demo, 'Series'));
    assert.deepEqual(collection.enrichers, ['ffprobe', 'filename']);
    const row = await fx.database.db.selectFrom('collection').select('id').where('name', '=', 'Series').executeTakeFirstOrThrow();
    assert.equal(collection.id, row.id);

    const byId = await show(row.id, '--json');
    assert.equal(byId.exitCode, 0, byId.stderr);
    assert.deepEqual(json<Shown>(byId), json<Shown>(byRef));
  });

  test('B-1: the base directory collection is <source>/. and text mode describes path, mappings, enrichers and assets', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const base = await show('lib/.', '--json');
    assert.equal(base.exitCode, 0, base.stderr);
    assert.equal(json<Shown>(base).collection.source_path, demo);

    const text = await show('lib/Movies');
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stderr, '');
    assert.deepEqual(text.stdout.trimEnd().split('\n'), [
      'lib/Movies  ingest disabled',
      `  path      ${join(demo, 'Movies')}`,
      '  mappings  none',
      '  enrichers ffprobe → filename',
      '  assets    0 ready, 0 new, 0 invalid, 0 missing',
    ]);
  });

  for (const [what, ref] of [
    ['an unknown name in a known source', 'lib/Nope'],
    ['an unknown source', 'nosuch/Series'],
    ['an unknown id', '7d2c6e0e-8a53-4d1b-9b59-4a0b3d0f3c11'],
    ['a reference without a source', 'Series'],
  ] as const) {
    test(`B-2: ${what} exits 1 with one line naming it`, async () => {
      await addDiscoveredSource(fx.database, 'lib', demo);
      const run = await show(ref);
      assert.equal(run.exitCode, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.ok(run.stderr.startsWith(`retrovue: error: collection "${ref}" does not exist`), run.stderr);
      const asJson = await show(ref, '--json');
      assert.equal(asJson.exitCode, 1);
      assert.equal(asJson.stdout, '');
      assert.equal((JSON.parse(asJson.stderr) as { error: { code: string } }).error.code, 'not_found');
    });
  }
});

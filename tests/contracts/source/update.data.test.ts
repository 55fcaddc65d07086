// Data contract tests for `retrovue source update` (contracts/source/update.yaml).
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary, ingest } from '../../support/catalog.js';
import { cli } from '../../support/cli.js';
import { makeTree, writeTree, type TempTree } from '../../support/directory-tree.js';
import { forEachDatabase } from '../../support/test-databases.js';

let tree: TempTree;
let moved: string;
before(() => {
  tree = makeTree({ Shows: {}, Movies: {}, Extras: {}, 'notes.txt': 'x' });
  // The library moved, and lost its Extras folder on the way.
  moved = join(tree.dir, 'moved');
  writeTree(moved, { Shows: {}, Movies: {}, Specials: {} });
});
after(() => tree.cleanup());

forEachDatabase((fx) => {
  const db = () => fx.database.db;
  const update = async (...args: string[]) => {
    const run = await cli(['source', 'update', ...args], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
  };
  const source = (name: string) => db().selectFrom('source').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  const catalog = async () => ({
    collections: await db().selectFrom('collection').selectAll().orderBy('id').execute(),
    assets: await db().selectFrom('asset').selectAll().orderBy('id').execute(),
    providerRefs: await db().selectFrom('provider_ref').selectAll().orderBy('asset_id').execute(),
    enrichers: await db().selectFrom('collection_enricher').selectAll().orderBy('collection_id').orderBy('position').execute(),
  });

  test('D-1: a rename changes only the name; the id, config, collections and assets are kept', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ingest(fx.database, 'lib/Bumpers');
    const before = await source('lib');
    const catalogBefore = await catalog();
    assert.equal(catalogBefore.assets.length, 3);
    await update('lib', '--name', 'tapes');
    const after = await source('tapes');
    assert.equal(after.id, before.id);
    assert.equal(after.type, before.type);
    assert.deepEqual(after.config, before.config);
    assert.deepEqual(after.created_at, before.created_at);
    assert.deepEqual(await catalog(), catalogBefore);
    assert.equal(await db().selectFrom('source').select('id').where('name', '=', 'lib').executeTakeFirst(), undefined);
  });

  test('D-1: a config change keeps the name, the id and every collection and asset row', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const before = await source('lib');
    const collectionIds = (await catalog()).collections.map((c) => c.id);
    await update(before.id, '--base-path', moved);
    const after = await source('lib');
    assert.equal(after.id, before.id);
    assert.equal(after.name, 'lib');
    assert.deepEqual(after.config, { base_path: moved });
    assert.deepEqual((await catalog()).collections.map((c) => c.id), collectionIds);
  });

  test('D-2: a relative base path is re-validated, stored absolute, and every collection source path follows it', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const refused = await cli(['source', 'update', 'lib', '--base-path', join(tree.root, 'notes.txt')], { database: fx.database });
    assert.equal(refused.exitCode, 1);
    assert.match(refused.stderr, /base path .*notes\.txt is not a directory/);
    assert.deepEqual((await source('lib')).config, { base_path: tree.root });

    await update('lib', '--base-path', relative(process.cwd(), moved));
    assert.deepEqual((await source('lib')).config, { base_path: moved });
    const paths = (await catalog()).collections.map((c) => [c.external_key, c.source_path] as const);
    assert.deepEqual(new Map(paths), new Map([
      ['.', moved],
      ['Extras', join(moved, 'Extras')], // not there any more: discover will report it gone, but its path follows the source
      ['Movies', join(moved, 'Movies')],
      ['Shows', join(moved, 'Shows')],
    ]));
    // Following the base path is not discovery: the new folder is not recorded until the operator discovers.
    assert.equal((await catalog()).collections.length, 4);
  });

  test('D-2: source paths follow through --config as well, and only for the updated source', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    await addDiscoveredSource(fx.database, 'other', tree.root);
    const other = await source('other');
    const otherBefore = (await catalog()).collections.filter((c) => c.source_id === other.id);
    await update('lib', '--config', JSON.stringify({ base_path: moved }));
    const collections = (await catalog()).collections;
    const lib = await source('lib');
    assert.deepEqual(
      new Set(collections.filter((c) => c.source_id === lib.id).map((c) => c.source_path)),
      new Set([moved, join(moved, 'Extras'), join(moved, 'Movies'), join(moved, 'Shows')]),
    );
    assert.deepEqual(collections.filter((c) => c.source_id === other.id), otherBefore);
  });

  test('D-3: a secret the new config leaves out, or gives back as ********, keeps its stored value', async () => {
    const add = await cli(['source', 'add', '--type', 'plex', '--name', 'plex', '--url', 'http://nas.invalid:32400', '--token', 'tok-D3-kept'], { database: fx.database });
    assert.equal(add.exitCode, 0, add.stderr);
    await update('plex', '--config', JSON.stringify({ url: 'http://nas2.invalid:32400', timeout_ms: 5000 }));
    assert.deepEqual((await source('plex')).config, { url: 'http://nas2.invalid:32400', token: 'tok-D3-kept', timeout_ms: 5000, page_size: 200 });
    // What show printed, fed back: the mask is no new token.
    await update('plex', '--config', JSON.stringify({ url: 'http://nas3.invalid:32400', token: '********' }));
    assert.deepEqual((await source('plex')).config, { url: 'http://nas3.invalid:32400', token: 'tok-D3-kept', timeout_ms: 30000, page_size: 200 });
    // A token given in the new config does replace it.
    await update('plex', '--config', JSON.stringify({ url: 'http://nas3.invalid:32400', token: 'tok-D3-new' }));
    assert.equal((await source('plex')).config['token'], 'tok-D3-new');
  });
});

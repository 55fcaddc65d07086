// Data contract tests for `retrovue source discover` (contracts/source/discover.yaml).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { makeTree, writeTree } from '../../support/directory-tree.js';
import { addServerSource, libraryKeys, withMediaServer } from '../../support/media-server-library.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Discovered {
  collections: Array<{ collection: { id: string; ref: string; name: string; source_path: string; ingest_enabled: boolean; enrichers: string[] }; status: string }>;
}

forEachDatabase((fx) => {
  const db = () => fx.database.db;
  const run = async (argv: string[]) => {
    const result = await cli(argv, { database: fx.database });
    assert.equal(result.exitCode, 0, `${argv.join(' ')}: ${result.stderr}`);
    return result;
  };
  const add = (root: string, name = 'lib') => run(['source', 'add', '--type', 'filesystem', '--name', name, '--base-path', root]);
  const discover = async (name = 'lib') => json<Discovered>(await run(['source', 'discover', name, '--json']));
  const collections = () => db().selectFrom('collection').selectAll().orderBy('name').execute();
  const attached = () => db().selectFrom('collection_enricher').selectAll().orderBy('collection_id').orderBy('position').execute();
  const enrichersOf = async (collectionId: string) =>
    (await db().selectFrom('collection_enricher').select(['enricher_id', 'position']).where('collection_id', '=', collectionId).orderBy('position').execute()).map(
      (r) => [r.enricher_id, r.position],
    );

  test('D-1: every new collection is persisted with ingest disabled and ffprobe then filename attached', async (t) => {
    const tree = makeTree({ Shows: {}, Movies: {} });
    t.after(tree.cleanup);
    await add(tree.root);
    const doc = await discover();
    const rows = await collections();
    assert.deepEqual(rows.map((r) => r.name), ['.', 'Movies', 'Shows']);
    for (const row of rows) {
      assert.equal(row.ingest_enabled, false, row.name);
      assert.deepEqual(row.local_paths, [], row.name);
      assert.deepEqual(await enrichersOf(row.id), [['ffprobe', 1], ['filename', 2]], row.name);
    }
    assert.ok(doc.collections.every((c) => !c.collection.ingest_enabled && c.collection.enrichers.join() === 'ffprobe,filename'));

    // A folder that appears later gets the same defaults when discovered.
    mkdirSync(join(tree.root, 'Specials'));
    await discover();
    const specials = (await collections()).find((r) => r.name === 'Specials');
    assert.equal(specials?.ingest_enabled, false);
    assert.deepEqual(await enrichersOf(specials?.id ?? ''), [['ffprobe', 1], ['filename', 2]]);
  });

  test('D-2: discovering again duplicates nothing and keeps the ingest flag, mappings and enrichers of existing collections', async (t) => {
    const tree = makeTree({ Shows: {}, Movies: {} });
    t.after(tree.cleanup);
    await add(tree.root);
    await discover();
    // The operator's changes to the existing collections.
    await run(['collection', 'update', 'lib/Shows', '--ingest-enabled', '--local-path', `${tree.root}/Shows=/srv/shows`]);
    const movies = (await collections()).find((r) => r.name === 'Movies');
    assert.ok(movies);
    await db().deleteFrom('collection_enricher').where('collection_id', '=', movies.id).where('enricher_id', '=', 'filename').execute();
    const collectionsBefore = await collections();
    const attachedBefore = await attached();
    const shows = collectionsBefore.find((r) => r.name === 'Shows');
    assert.equal(shows?.ingest_enabled, true);
    assert.deepEqual(shows?.local_paths, [{ remote: `${tree.root}/Shows`, local: '/srv/shows' }]);

    await discover();
    mkdirSync(join(tree.root, 'Specials'));
    const doc = await discover();

    const after = await collections();
    assert.deepEqual(after.map((r) => r.name), ['.', 'Movies', 'Shows', 'Specials']);
    assert.deepEqual(after.filter((r) => r.name !== 'Specials'), collectionsBefore);
    const specials = after.find((r) => r.name === 'Specials');
    assert.deepEqual((await attached()).filter((a) => a.collection_id !== specials?.id), attachedBefore);
    const shown = new Map(doc.collections.map((c) => [c.collection.name, c.collection]));
    assert.equal(shown.get('Shows')?.ingest_enabled, true);
    assert.deepEqual(shown.get('Movies')?.enrichers, ['ffprobe']);
  });

  test('D-3: reports the base and each directory directly under it, ignoring hidden directories and symlinks that escape', async (t) => {
    const tree = makeTree({
      'top.mkv': 'a file in the base',
      'notes.txt': 'not a directory',
      'Shows/Season 01/ep.mkv': 'nested folders are not collections',
      Movies: {},
      '.hidden': {},
      '.cache/thumbs': {},
      'inside-rel': { link: 'Movies' },
      'escape-rel': { link: '../outside' },
      dangling: { link: 'nowhere' },
      'file-link': { link: 'top.mkv' },
    });
    t.after(tree.cleanup);
    writeTree(tree.dir, { 'outside/Film.mkv': 'a film outside the base' });
    writeTree(tree.root, { 'inside-abs': { link: join(tree.root, 'Shows') }, 'escape-abs': { link: join(tree.dir, 'outside') } });

    await add(tree.root);
    const doc = await discover();
    const expected = ['.', 'Movies', 'Shows', 'inside-abs', 'inside-rel'];
    assert.deepEqual(doc.collections.map((c) => c.collection.name).sort(), [...expected].sort());
    assert.ok(doc.collections.every((c) => c.status === 'new'));
    const rows = await collections();
    assert.deepEqual(rows.map((r) => r.name).sort(), [...expected].sort());
    assert.deepEqual(
      new Map(rows.map((r) => [r.external_key, r.source_path] as const)),
      new Map(expected.map((name) => [name, name === '.' ? tree.root : join(tree.root, name)] as const)),
    );
  });

  test('D-3: a base path that is itself a symlink still tells inside from outside by the real directory', async (t) => {
    const tree = makeTree({ Shows: {}, 'inside-rel': { link: 'Shows' }, 'escape-rel': { link: '../outside' } });
    t.after(tree.cleanup);
    writeTree(tree.dir, { outside: {}, 'via-link': { link: tree.root } });
    await add(join(tree.dir, 'via-link'));
    const doc = await discover();
    assert.deepEqual(doc.collections.map((c) => c.collection.name).sort(), ['.', 'Shows', 'inside-rel'].sort());
    assert.deepEqual(doc.collections.map((c) => c.collection.source_path).sort(), [join(tree.dir, 'via-link'), join(tree.dir, 'via-link', 'Shows'), join(tree.dir, 'via-link', 'inside-rel')].sort());
  });

  for (const type of ['plex', 'jellyfin', 'emby'] as const) {
    test(`D-4: the ${type} importer reports each movie and TV library as a collection keyed by the library id, named after it, at its first folder, with only ffprobe attached; music and photos are left out`, async () => {
      await withMediaServer(type, async (server) => {
        await addServerSource(fx.database, server, 'srv');
        const doc = await discover('srv');
        const keys = type === 'plex' ? libraryKeys.plex : libraryKeys.jellyfin;
        const expected = [
          { external_key: keys.movies, name: 'Movies', source_path: `${server.root}/movies` },
          { external_key: keys.shows, name: 'Shows', source_path: `${server.root}/tv` },
        ];
        const rows = await collections();
        assert.deepEqual(rows.map((r) => ({ external_key: r.external_key, name: r.name, source_path: r.source_path })), expected);
        assert.deepEqual(doc.collections.map((c) => [c.collection.ref, c.collection.source_path, c.status]), [
          ['srv/Movies', `${server.root}/movies`, 'new'],
          ['srv/Shows', `${server.root}/tv`, 'new'],
        ]);
        // The server curates titles: the file-name enricher would overwrite them, so only ffprobe is attached.
        for (const row of rows) {
          assert.equal(row.ingest_enabled, false, row.name);
          assert.deepEqual(await enrichersOf(row.id), [['ffprobe', 1]], row.name);
        }
        assert.ok(doc.collections.every((c) => c.collection.enrichers.join() === 'ffprobe'));
      });
    });
  }
});

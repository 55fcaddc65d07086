// Data contract tests for `retrovue collection update` (contracts/collection/update.yaml).
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { resolveLocalPath } from '../../../src/catalog/path-mapping.js';
import { addDiscoveredSource, copyOfDemoLibrary, demoLibrary } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const run = (...argv: string[]) => cli(argv, { database: fx.database });
  const ok = async (...argv: string[]) => {
    const r = await run(...argv, '--json');
    assert.equal(r.exitCode, 0, `${argv.join(' ')}: ${r.stderr}`);
    return json(r);
  };
  const movies = () => fx.database.db.selectFrom('collection').selectAll().where('name', '=', 'Movies').executeTakeFirstOrThrow();
  const mappingsOf = async () => (await movies()).local_paths.map((m) => ({ remote: m.remote, local: m.local }));

  test('D-1: the ingest flag and the mappings are persisted as given; fields not given keep their values', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const untouched = await fx.database.db.selectFrom('collection').selectAll().where('name', '!=', 'Movies').orderBy('name').execute();

    await ok('collection', 'update', 'lib/Movies', '--ingest-enabled', '--local-path', '/mnt/media=/srv/media', '--local-path', '/nas=/data');
    assert.equal((await movies()).ingest_enabled, true);
    assert.deepEqual(await mappingsOf(), [{ remote: '/mnt/media', local: '/srv/media' }, { remote: '/nas', local: '/data' }]);

    // Only the flag: the mappings stay.
    await ok('collection', 'update', 'lib/Movies', '--no-ingest-enabled');
    assert.equal((await movies()).ingest_enabled, false);
    assert.deepEqual(await mappingsOf(), [{ remote: '/mnt/media', local: '/srv/media' }, { remote: '/nas', local: '/data' }]);

    // Only mappings: they replace the old ones, the flag stays.
    await ok('collection', 'update', 'lib/Movies', '--ingest-enabled');
    await ok('collection', 'update', 'lib/Movies', '--local-path', '/share=/mnt/share');
    assert.equal((await movies()).ingest_enabled, true);
    assert.deepEqual(await mappingsOf(), [{ remote: '/share', local: '/mnt/share' }]);

    // Clearing removes every mapping and keeps the flag.
    await ok('collection', 'update', 'lib/Movies', '--clear-local-paths');
    assert.equal((await movies()).ingest_enabled, true);
    assert.deepEqual(await mappingsOf(), []);

    // Nothing else of this or any other collection moved; the enrichers stay attached.
    const row = await movies();
    assert.equal(row.source_path, join(demo, 'Movies'));
    assert.equal(row.external_key, 'Movies');
    assert.deepEqual(await fx.database.db.selectFrom('collection').selectAll().where('name', '!=', 'Movies').orderBy('name').execute(), untouched);
    const enrichers = await fx.database.db.selectFrom('collection_enricher').select('enricher_id').where('collection_id', '=', row.id).orderBy('position').execute();
    assert.deepEqual(enrichers.map((e) => e.enricher_id), ['ffprobe', 'filename']);
  });

  test('D-1: contradictory or invalid input persists nothing', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    await ok('collection', 'update', 'lib/Movies', '--local-path', '/mnt/media=/srv/media');
    const before = await movies();
    const both = await run('collection', 'update', 'lib/Movies', '--ingest-enabled', '--clear-local-paths', '--local-path', '/a=/b');
    assert.equal(both.exitCode, 1);
    assert.match(both.stderr, /--clear-local-paths and --local-path cannot be combined/);
    const bad = await run('collection', 'update', 'lib/Movies', '--ingest-enabled', '--local-path', 'nope');
    assert.equal(bad.exitCode, 1);
    assert.deepEqual(await movies(), before);
  });

  test('D-2: mappings are stored once per remote prefix (the last given wins), longest prefix first', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const doc = (await ok(
      'collection', 'update', 'lib/Movies',
      '--local-path', '/mnt=/short',
      '--local-path', '/mnt/media=/first',
      '--local-path', '/mnt/media/tv=/tv',
      '--local-path', '/mnt/media/=/second', // same prefix as /mnt/media once normalised
      '--local-path', '/mnt//media/./=/third',
    )) as { collection: { local_paths: Array<{ remote: string; local: string }> } };
    const expected = [
      { remote: '/mnt/media/tv', local: '/tv' },
      { remote: '/mnt/media', local: '/third' },
      { remote: '/mnt', local: '/short' },
    ];
    assert.deepEqual(await mappingsOf(), expected);
    assert.deepEqual(doc.collection.local_paths.map((m) => ({ remote: m.remote, local: m.local })), expected);
  });

  test('D-2: resolution through the persisted mappings picks the longest matching remote prefix, on path boundaries', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    await ok('collection', 'update', 'lib/Movies', '--local-path', '/mnt=/short', '--local-path', '/mnt/media/tv=/tv', '--local-path', '/mnt/media=/srv/media');
    const stored = (await movies()).local_paths;
    assert.equal(resolveLocalPath('/mnt/media/tv/Show/e1.mkv', stored), '/tv/Show/e1.mkv');
    assert.equal(resolveLocalPath('/mnt/media/tv', stored), '/tv');
    assert.equal(resolveLocalPath('/mnt/media/tvx/a.mkv', stored), '/srv/media/tvx/a.mkv');
    assert.equal(resolveLocalPath('/mnt/media/Movies/b.mkv', stored), '/srv/media/Movies/b.mkv');
    assert.equal(resolveLocalPath('/mnt/mediathek/c.mkv', stored), '/short/mediathek/c.mkv');
    assert.equal(resolveLocalPath('/mntx/d.mkv', stored), '/mntx/d.mkv');
    assert.equal(resolveLocalPath('/elsewhere/e.mkv', stored), '/elsewhere/e.mkv');
  });

  test('D-2: end to end, the longest mapping makes a moved library ingestable', async () => {
    const { root, cleanup } = await copyOfDemoLibrary();
    try {
      await addDiscoveredSource(fx.database, 'lib', root);
      // The library moves: the path the source reports no longer exists on this machine.
      const moved = join(dirname(root), 'moved');
      renameSync(root, moved);
      await ok('collection', 'update', 'lib/Commercials', '--ingest-enabled');
      const unmapped = await run('collection', 'ingest', 'lib/Commercials');
      assert.equal(unmapped.exitCode, 3, unmapped.stderr);
      assert.match(unmapped.stderr, new RegExp(`path ${join(root, 'Commercials')} is not reachable`));

      // A shorter prefix pointing nowhere, and a longer sibling prefix that must not match on a partial name.
      await ok(
        'collection', 'update', 'lib/Commercials',
        '--local-path', `${dirname(root)}=/nonexistent/elsewhere`,
        '--local-path', `${root}=${moved}`,
        '--local-path', `${root}/Commercial=/nonexistent/partial`,
      );
      const summary = (await ok('collection', 'ingest', 'lib/Commercials')) as { new: number; invalid: number; total: number };
      assert.equal(summary.total, 4);
      assert.equal(summary.new, 4);
      assert.equal(summary.invalid, 0);
      const assets = await fx.database.db
        .selectFrom('asset')
        .select(['path', 'state', 'relative_path'])
        .orderBy('relative_path')
        .execute();
      assert.deepEqual(
        assets.map((a) => [a.relative_path, a.path, a.state]),
        ['Dial-A-Pizza.ts', 'Fizz Cola.mp4', 'Sunny Cereal.mov', 'Zoom Racer Toys.mp4'].map((f) => [f, join(moved, 'Commercials', f), 'ready']),
      );
      // The collection still reports the source's own path; only this machine's view is mapped.
      assert.equal((await fx.database.db.selectFrom('collection').select('source_path').where('name', '=', 'Commercials').executeTakeFirstOrThrow()).source_path, join(root, 'Commercials'));
    } finally {
      cleanup();
    }
  });
});

// Data contract tests for `retrovue source remove` (contracts/source/remove.yaml).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

let library: string;
before(async () => {
  library = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const db = () => fx.database.db;
  const sourceId = async (name: string) => (await db().selectFrom('source').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  /** Every catalog row belonging to one source. */
  const rowsOf = async (id: string) => {
    const collections = await db().selectFrom('collection').selectAll().where('source_id', '=', id).orderBy('id').execute();
    const collectionIds = collections.map((c) => c.id);
    const none = collectionIds.length === 0;
    return {
      source: await db().selectFrom('source').selectAll().where('id', '=', id).execute(),
      collections,
      enrichers: none ? [] : await db().selectFrom('collection_enricher').selectAll().where('collection_id', 'in', collectionIds).orderBy('collection_id').orderBy('position').execute(),
      assets: none ? [] : await db().selectFrom('asset').selectAll().where('collection_id', 'in', collectionIds).orderBy('id').execute(),
      providerRefs: await db().selectFrom('provider_ref').selectAll().where('source_id', '=', id).orderBy('asset_id').execute(),
    };
  };
  /** Two sources over the demo library, each with ingested assets. */
  const seed = async () => {
    await addDiscoveredSource(fx.database, 'lib', library);
    await addDiscoveredSource(fx.database, 'other', library);
    await ingest(fx.database, 'lib/Bumpers');
    await ingest(fx.database, 'lib/Broken');
    await ingest(fx.database, 'other/Bumpers');
    return { lib: await sourceId('lib'), other: await sourceId('other') };
  };

  test('D-1: removes the source with its collections, assets and provider refs, and leaves the other source untouched', async () => {
    const { lib, other } = await seed();
    const libBefore = await rowsOf(lib);
    assert.equal(libBefore.collections.length, 6);
    assert.equal(libBefore.assets.length, 6);
    assert.equal(libBefore.providerRefs.length, 6);
    assert.equal(libBefore.enrichers.length, 12);
    const otherBefore = await rowsOf(other);
    assert.equal(otherBefore.assets.length, 3);

    const run = await cli(['source', 'remove', 'lib', '--force', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(json(run)['assets'], 6);

    assert.deepEqual(await rowsOf(lib), { source: [], collections: [], enrichers: [], assets: [], providerRefs: [] });
    // Nothing of lib's is left anywhere, not even orphaned rows under other ids.
    const libAssetIds = libBefore.assets.map((a) => a.id);
    assert.deepEqual(await db().selectFrom('asset').select('id').where('id', 'in', libAssetIds).execute(), []);
    assert.deepEqual(await db().selectFrom('provider_ref').select('asset_id').where('asset_id', 'in', libAssetIds).execute(), []);
    assert.deepEqual(await rowsOf(other), otherBefore);
    // The built-in enricher instances are shared, not owned by the source.
    assert.deepEqual((await db().selectFrom('enricher').select('id').orderBy('id').execute()).map((e) => e.id), ['ffprobe', 'filename']);
  });

  test('D-2: an asset referenced from outside the catalog blocks removal even with --force, naming the table, and nothing is removed', async () => {
    const { lib, other } = await seed();
    // A table the catalog does not own (as a schedule would be), pointing at one of lib's assets. It cascades,
    // so only ProductionSafety stands between --force and silently emptying it.
    await sql`create table schedule_probe (asset_id uuid references asset(id) on delete cascade)`.execute(db());
    try {
      const asset = await db()
        .selectFrom('asset')
        .innerJoin('collection', 'collection.id', 'asset.collection_id')
        .select('asset.id')
        .where('collection.source_id', '=', lib)
        .where('asset.state', '=', 'ready')
        .executeTakeFirstOrThrow();
      await sql`insert into schedule_probe (asset_id) values (${asset.id})`.execute(db());
      const libBefore = await rowsOf(lib);

      const forced = await cli(['source', 'remove', 'lib', '--force'], { database: fx.database });
      assert.equal(forced.exitCode, 1);
      assert.equal(forced.stdout, '');
      assert.equal(
        forced.stderr,
        'retrovue: error: source "lib" is in use: 1 asset(s) referenced by schedule_probe; remove those references first (--force does not override this)\n',
      );
      const asJson = await cli(['source', 'remove', 'lib', '--force', '--json'], { database: fx.database });
      assert.equal(asJson.exitCode, 1);
      assert.equal((JSON.parse(asJson.stderr) as { error: { code: string } }).error.code, 'refused');
      const dryRun = await cli(['source', 'remove', 'lib', '--dry-run'], { database: fx.database });
      assert.equal(dryRun.exitCode, 1);
      assert.match(dryRun.stderr, /referenced by schedule_probe/);

      assert.deepEqual(await rowsOf(lib), libBefore);
      const probe = await sql<{ asset_id: string }>`select asset_id from schedule_probe`.execute(db());
      assert.deepEqual(probe.rows, [{ asset_id: asset.id }]);

      // The reference blocks only the source it points into.
      const removedOther = await cli(['source', 'remove', 'other', '--force'], { database: fx.database });
      assert.equal(removedOther.exitCode, 0, removedOther.stderr);
      assert.deepEqual((await rowsOf(other)).source, []);

      // Once the reference is gone, removal goes ahead.
      await sql`delete from schedule_probe`.execute(db());
      const removed = await cli(['source', 'remove', 'lib', '--force'], { database: fx.database });
      assert.equal(removed.exitCode, 0, removed.stderr);
      assert.deepEqual((await rowsOf(lib)).source, []);
    } finally {
      await sql`drop table if exists schedule_probe`.execute(db());
    }
  });
});

// Data contract tests for `retrovue source show` (contracts/source/show.yaml).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addDiscoveredSource, copyOfDemoLibrary, demoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Counts {
  new: number;
  ready: number;
  invalid: number;
  missing: number;
}
interface Shown {
  collections: Array<{ id: string; ref: string; enrichers: string[]; assets: Counts }>;
}

forEachDatabase((fx) => {
  const db = () => fx.database.db;
  const show = async (ref: string) => {
    const run = await cli(['source', 'show', ref, '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    return json<Shown>(run).collections;
  };
  /** Asset counts by state per collection id, straight from the asset table. */
  const persistedCounts = async (sourceName: string) => {
    const collections = await db()
      .selectFrom('collection')
      .innerJoin('source', 'source.id', 'collection.source_id')
      .select(['collection.id'])
      .where('source.name', '=', sourceName)
      .execute();
    const counts = new Map<string, Counts>(collections.map((c) => [c.id, { new: 0, ready: 0, invalid: 0, missing: 0 }]));
    const rows = await db()
      .selectFrom('asset')
      .select(['collection_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['collection_id', 'state'])
      .execute();
    for (const r of rows) {
      const c = counts.get(r.collection_id);
      if (c) c[r.state] = Number(r.n);
    }
    return counts;
  };

  test('D-1: shows exactly the persisted collections of the source with their asset counts by state', async (t) => {
    const { root: pristine } = await demoLibrary();
    const library = await copyOfDemoLibrary(); // this test deletes a file
    t.after(library.cleanup);
    await addDiscoveredSource(fx.database, 'lib', library.root);
    await addDiscoveredSource(fx.database, 'other', pristine);
    await ingest(fx.database, 'lib/Bumpers');
    await ingest(fx.database, 'lib/Broken');
    await ingest(fx.database, 'other/Commercials');
    // One bumper vanishes: re-ingest marks it missing.
    rmSync(join(library.root, 'Bumpers', 'Up Next.mov'));
    await ingest(fx.database, 'lib/Bumpers');
    // A collection removed behind the command's back is not shown.
    const lib = await db().selectFrom('source').select('id').where('name', '=', 'lib').executeTakeFirstOrThrow();
    // An asset persisted as new (as mid-ingest) is counted as such.
    const broken = await db().selectFrom('asset').select('id').where('relative_path', '=', 'notes.mkv').executeTakeFirstOrThrow();
    await db().updateTable('asset').set({ state: 'new', invalid_reason: null }).where('id', '=', broken.id).execute();
    await db().deleteFrom('collection').where('source_id', '=', lib.id).where('name', '=', 'Movies').execute();

    const shown = await show('lib');
    const persisted = await persistedCounts('lib');
    assert.deepEqual(new Set(shown.map((c) => c.id)), new Set(persisted.keys()));
    assert.deepEqual(shown.map((c) => c.ref), ['lib/.', 'lib/Broken', 'lib/Bumpers', 'lib/Commercials', 'lib/Series']);
    for (const c of shown) assert.deepEqual(c.assets, persisted.get(c.id), c.ref);
    const byRef = new Map(shown.map((c) => [c.ref, c.assets]));
    assert.deepEqual(byRef.get('lib/Bumpers'), { new: 0, ready: 2, invalid: 0, missing: 1 });
    assert.deepEqual(byRef.get('lib/Broken'), { new: 1, ready: 0, invalid: 2, missing: 0 });
    assert.deepEqual(byRef.get('lib/Commercials'), { new: 0, ready: 0, invalid: 0, missing: 0 }); // other's Commercials were ingested, not lib's

    const other = await show('other');
    assert.deepEqual(new Set(other.map((c) => c.id)), new Set((await persistedCounts('other')).keys()));
    assert.deepEqual(other.find((c) => c.ref === 'other/Commercials')?.assets, { new: 0, ready: 4, invalid: 0, missing: 0 });
  });
});

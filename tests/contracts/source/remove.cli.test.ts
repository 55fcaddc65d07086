// CLI contract tests for `retrovue source remove` (contracts/source/remove.yaml).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Removed {
  removed: { id: string; name: string; collections: number };
  collections: number;
  assets: number;
  dry_run?: boolean;
}

let library: string;
before(async () => {
  library = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const db = () => fx.database.db;
  const counts = async () => ({
    sources: (await db().selectFrom('source').select('name').execute()).map((s) => s.name),
    collections: (await db().selectFrom('collection').select('id').execute()).length,
    assets: (await db().selectFrom('asset').select('id').execute()).length,
  });
  /** lib: the demo library's 6 collections (the base and its 5 folders), with the 3 bumpers ingested. */
  const seed = async () => {
    await addDiscoveredSource(fx.database, 'lib', library);
    await ingest(fx.database, 'lib/Bumpers');
    assert.deepEqual(await counts(), { sources: ['lib'], collections: 6, assets: 3 });
  };

  /** lib as seed() makes it, beside `other`: 1 collection (its base, the demo Commercials) with 4 assets. */
  const seedTwo = async () => {
    await seed();
    await addDiscoveredSource(fx.database, 'other', join(library, 'Commercials'));
    await ingest(fx.database, 'other/.');
    assert.deepEqual(await counts(), { sources: ['lib', 'other'], collections: 7, assets: 7 });
  };
  const otherKept = { sources: ['other'], collections: 1, assets: 4 };

  test('B-1: with --force removes the source and reports how many collections and assets went with it', async () => {
    await seedTwo();
    const id = (await db().selectFrom('source').select('id').where('name', '=', 'lib').executeTakeFirstOrThrow()).id;
    const run = await cli(['source', 'remove', 'lib', '--force', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const doc = json<Removed>(run);
    assert.equal(doc.removed.id, id);
    assert.equal(doc.removed.name, 'lib');
    assert.equal(doc.collections, 6);
    assert.equal(doc.assets, 3);
    assert.equal(doc.removed.collections, 6);
    assert.equal(doc.dry_run, undefined);
    // Only lib's: the other source keeps its collection and assets.
    assert.deepEqual(await counts(), otherKept);
  });

  test('B-1: text mode names the source and the counts; an id works as well as a name', async () => {
    await seedTwo();
    const id = (await db().selectFrom('source').select('id').where('name', '=', 'other').executeTakeFirstOrThrow()).id;
    const run = await cli(['source', 'remove', id, '--force'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stdout, 'removed source other, 1 collection(s), 4 asset(s)\n');
    assert.deepEqual(await counts(), { sources: ['lib'], collections: 6, assets: 3 });
  });

  test('B-2: without --force and without a TTY refuses with exit 1 and removes nothing', async () => {
    await seed();
    const run = await cli(['source', 'remove', 'lib'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      'retrovue: error: refusing to remove source "lib" with its 6 collection(s) and 3 asset(s) without confirmation: no terminal to ask on, pass --force\n',
    );
    assert.deepEqual(await counts(), { sources: ['lib'], collections: 6, assets: 3 });
  });

  test('B-3: --dry-run reports what it would remove and removes nothing', async () => {
    await seed();
    const run = await cli(['source', 'remove', 'lib', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Removed>(run);
    assert.equal(doc.dry_run, true);
    assert.equal(doc.removed.name, 'lib');
    assert.equal(doc.collections, 6);
    assert.equal(doc.assets, 3);
    assert.deepEqual(await counts(), { sources: ['lib'], collections: 6, assets: 3 });

    const text = await cli(['source', 'remove', 'lib', '--dry-run'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stdout, 'would remove source lib, 6 collection(s), 3 asset(s)\n');
    assert.equal(text.stderr, 'dry run: nothing was changed\n');
    assert.deepEqual(await counts(), { sources: ['lib'], collections: 6, assets: 3 });
  });

  test('B-4: an unknown source exits 1 with one line naming it', async () => {
    await addDiscoveredSource(fx.database, 'lib', library);
    const run = await cli(['source', 'remove', 'ghost', '--force'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'retrovue: error: source "ghost" does not exist; see retrovue source list\n');
    assert.deepEqual(await counts(), { sources: ['lib'], collections: 6, assets: 0 });
  });
});

// Data contract tests for `retrovue collection show` (contracts/collection/show.yaml).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AssetState } from '../../../src/db/schema.js';
import { addDiscoveredSource, copyOfDemoLibrary, demoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const ok = async (argv: string[]) => {
    const run = await cli([...argv, '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
    return json(run);
  };

  async function persistedCounts(collectionId: string): Promise<Record<AssetState, number>> {
    const rows = await fx.database.db.selectFrom('asset').select('state').where('collection_id', '=', collectionId).execute();
    const counts: Record<AssetState, number> = { new: 0, ready: 0, invalid: 0, missing: 0 };
    for (const { state } of rows) counts[state]++;
    return counts;
  }

  test('D-1: the shown counts equal the persisted assets by state, one collection holding all four states', async () => {
    const { root, cleanup } = await copyOfDemoLibrary();
    try {
      // "Mixed": two good files and a broken one.
      const mixed = join(root, 'Mixed');
      mkdirSync(mixed);
      copyFileSync(join(root, 'Commercials', 'Fizz Cola.mp4'), join(mixed, 'Fizz Cola.mp4'));
      copyFileSync(join(root, 'Commercials', 'Sunny Cereal.mov'), join(mixed, 'Sunny Cereal.mov'));
      copyFileSync(join(root, 'Broken', 'Empty Tape.mp4'), join(mixed, 'Empty Tape.mp4'));
      await addDiscoveredSource(fx.database, 'lib', root);
      await ingest(fx.database, 'lib/Mixed'); // 2 ready, 1 invalid
      // One file vanishes (missing) and another arrives (ready).
      rmSync(join(mixed, 'Sunny Cereal.mov'));
      copyFileSync(join(root, 'Bumpers', 'Up Next.mov'), join(mixed, 'Up Next.mov'));
      await ok(['collection', 'ingest', 'lib/Mixed']);
      // A "new" asset (discovered, not yet probed) only arises without ffprobe, which would re-enrich the whole
      // collection (D-7 of collection ingest); set one row's state directly to have all four states at once.
      await fx.database.db.updateTable('asset').set({ state: 'new', duration_ms: null }).where('relative_path', '=', 'Fizz Cola.mp4').execute();
      // Another collection's assets must not leak into the counts.
      await ingest(fx.database, 'lib/Commercials');

      const { collection } = (await ok(['collection', 'show', 'lib/Mixed'])) as { collection: { id: string; assets: Record<AssetState, number> } };
      assert.deepEqual(collection.assets, { new: 1, ready: 1, invalid: 1, missing: 1 });
      assert.deepEqual(collection.assets, await persistedCounts(collection.id));

      const other = (await ok(['collection', 'show', 'lib/Commercials'])) as { collection: { id: string; assets: Record<AssetState, number> } };
      assert.deepEqual(other.collection.assets, { new: 0, ready: 4, invalid: 0, missing: 0 });
      assert.deepEqual(other.collection.assets, await persistedCounts(other.collection.id));

      const text = await cli(['collection', 'show', 'lib/Mixed'], { database: fx.database });
      assert.match(text.stdout, /assets {4}1 ready, 1 new, 1 invalid, 1 missing/);
    } finally {
      cleanup();
    }
  });

  test('D-1: a collection never ingested shows zero of every state', async () => {
    await addDiscoveredSource(fx.database, 'lib', (await demoLibrary()).root);
    const { collection } = (await ok(['collection', 'show', 'lib/Series'])) as { collection: { id: string; assets: Record<AssetState, number> } };
    assert.deepEqual(collection.assets, { new: 0, ready: 0, invalid: 0, missing: 0 });
    assert.deepEqual(collection.assets, await persistedCounts(collection.id));
  });
});

// Data contract tests for `retrovue collection list` (contracts/collection/list.yaml).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AssetState } from '../../../src/db/schema.js';
import { addDiscoveredSource, copyOfDemoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Collection {
  id: string;
  ref: string;
  ingest_enabled: boolean;
  local_paths: Array<{ remote: string; local: string }>;
  enrichers: string[];
  assets: Record<AssetState, number>;
}

forEachDatabase((fx) => {
  const ok = async (argv: string[]) => {
    const run = await cli([...argv, '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
    return json(run);
  };

  /** What the database holds for one collection, read independently of the command. */
  async function persisted(id: string) {
    const db = fx.database.db;
    const row = await db.selectFrom('collection').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const enrichers = await db.selectFrom('collection_enricher').select('enricher_id').where('collection_id', '=', id).orderBy('position').execute();
    const states = await db.selectFrom('asset').select('state').where('collection_id', '=', id).execute();
    const assets: Record<AssetState, number> = { new: 0, ready: 0, invalid: 0, missing: 0 };
    for (const { state } of states) assets[state]++;
    return { ingest_enabled: row.ingest_enabled, local_paths: row.local_paths, enrichers: enrichers.map((e) => e.enricher_id), assets };
  }

  test('D-1: each collection carries its persisted ingest flag, mappings, enrichers in order and asset counts by state', async () => {
    // A private copy: a file is deleted below to produce a missing asset.
    const { root: base, cleanup } = await copyOfDemoLibrary();
    try {
      await addDiscoveredSource(fx.database, 'lib', base);
      // Commercials: 4 ready, then one file vanishes → 3 ready, 1 missing.
      await ingest(fx.database, 'lib/Commercials');
      rmSync(join(base, 'Commercials', 'Fizz Cola.mp4'));
      await ok(['collection', 'ingest', 'lib/Commercials']);
      // Broken: 3 invalid.
      await ingest(fx.database, 'lib/Broken');
      // Bumpers without ffprobe: nothing probed, so 3 new.
      await ok(['collection', 'detach-enricher', 'lib/Bumpers', '--enricher', 'ffprobe']);
      await ingest(fx.database, 'lib/Bumpers');
      // Movies: ingest stays disabled, two mappings, enrichers in reverse order.
      await ok(['collection', 'update', 'lib/Movies', '--local-path', '/mnt/a=/srv/a', '--local-path', '/mnt/a/movies=/films']);
      await ok(['collection', 'detach-enricher', 'lib/Movies', '--enricher', 'ffprobe']);
      await ok(['collection', 'attach-enricher', 'lib/Movies', '--enricher', 'ffprobe']);

      const { collections } = (await ok(['collection', 'list'])) as { collections: Collection[] };
      const byRef = new Map(collections.map((c) => [c.ref, c]));
      const pick = (ref: string) => {
        const c = byRef.get(ref);
        assert.ok(c, ref);
        return { ingest_enabled: c.ingest_enabled, local_paths: c.local_paths, enrichers: c.enrichers, assets: c.assets };
      };
      assert.deepEqual(pick('lib/Commercials'), {
        ingest_enabled: true, local_paths: [], enrichers: ['ffprobe', 'filename'], assets: { new: 0, ready: 3, invalid: 0, missing: 1 },
      });
      assert.deepEqual(pick('lib/Broken'), {
        ingest_enabled: true, local_paths: [], enrichers: ['ffprobe', 'filename'], assets: { new: 0, ready: 0, invalid: 3, missing: 0 },
      });
      assert.deepEqual(pick('lib/Bumpers'), {
        ingest_enabled: true, local_paths: [], enrichers: ['filename'], assets: { new: 3, ready: 0, invalid: 0, missing: 0 },
      });
      assert.deepEqual(pick('lib/Movies'), {
        ingest_enabled: false,
        local_paths: [{ remote: '/mnt/a/movies', local: '/films' }, { remote: '/mnt/a', local: '/srv/a' }],
        enrichers: ['filename', 'ffprobe'],
        assets: { new: 0, ready: 0, invalid: 0, missing: 0 },
      });
      // And every listed collection, touched or not, agrees with the rows.
      assert.equal(collections.length, 6);
      for (const c of collections) assert.deepEqual(pick(c.ref), await persisted(c.id), c.ref);
    } finally {
      cleanup();
    }
  });
});

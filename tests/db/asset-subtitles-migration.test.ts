// Migration 0010 on a catalog enriched before it: the new columns start empty and every asset is enriched
// again by the next ingest, so languages, default tracks and subtitle tracks reach existing assets too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import * as m0010 from '../../migrations/0010_asset_subtitles.js';
import { addDiscoveredSource, demoLibrary, ingest } from '../support/catalog.js';
import { cli, json } from '../support/cli.js';
import { forEachDatabase } from '../support/test-databases.js';

forEachDatabase((fx) => {
  test('0010 adds empty subtitles and sidecars and has the next ingest re-enrich every asset', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ingest(fx.database, 'lib/Bumpers');
    // The catalog as 0009 left it: no columns, and audio as it was probed then (no default flag).
    await m0010.down(fx.database.db as Kysely<unknown>);
    await sql`update asset set audio = (select coalesce(jsonb_agg(a - 'isDefault'), '[]'::jsonb) from jsonb_array_elements(audio) a)`.execute(fx.database.db);
    await m0010.up(fx.database.db as Kysely<unknown>);

    const rows = await fx.database.db.selectFrom('asset').select(['enriched_with', 'subtitles', 'sidecars', 'audio']).execute();
    assert.equal(rows.length, 3);
    for (const row of rows) assert.deepEqual([row.enriched_with, row.subtitles, row.sidecars], [null, [], []]);
    assert.ok(rows.some((r) => r.audio.length > 0 && r.audio.every((a) => a.isDefault === undefined)));

    const run = await cli(['collection', 'ingest', 'lib/Bumpers', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const summary = json<{ updated: number; unchanged: number }>(run);
    assert.deepEqual([summary.updated, summary.unchanged], [3, 0]);
    const after = await fx.database.db.selectFrom('asset').select(['enriched_with', 'audio']).execute();
    assert.ok(after.every((r) => r.enriched_with !== null && r.audio.every((a) => typeof a.isDefault === 'boolean')));
  });
});

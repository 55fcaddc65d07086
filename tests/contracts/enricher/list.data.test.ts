// Data contract tests for `retrovue enricher list` (contracts/enricher/list.yaml).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Listed {
  enrichers: Array<{ id: string; collections: string[] }>;
}

let demo = '';
let shelf = '';
before(async () => {
  demo = (await demoLibrary()).root;
  shelf = mkdtempSync(join(tmpdir(), 'retrovue-shelf-'));
  mkdirSync(join(shelf, 'Cartoons'));
  mkdirSync(join(shelf, 'anime'));
});
after(() => rmSync(shelf, { recursive: true, force: true }));

forEachDatabase((fx) => {
  const ok = async (...argv: string[]) => {
    const run = await cli(argv, { database: fx.database });
    assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
    return run;
  };

  /** enricher id → refs of the collections it is attached to, read straight from the rows. */
  async function persisted(): Promise<Map<string, string[]>> {
    const rows = await fx.database.db
      .selectFrom('enricher')
      .leftJoin('collection_enricher', 'collection_enricher.enricher_id', 'enricher.id')
      .leftJoin('collection', 'collection.id', 'collection_enricher.collection_id')
      .leftJoin('source', 'source.id', 'collection.source_id')
      .select(['enricher.id', 'collection.name', 'source.name as source_name'])
      .execute();
    const result = new Map<string, string[]>();
    for (const row of rows) {
      const refs = result.get(row.id) ?? [];
      if (row.name !== null && row.source_name !== null) refs.push(`${row.source_name}/${row.name}`);
      result.set(row.id, refs);
    }
    for (const refs of result.values()) refs.sort((a, b) => a.localeCompare(b));
    return result;
  }

  test('D-1: each enricher lists the collections it is attached to, as persisted', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    await addDiscoveredSource(fx.database, 'shelf', shelf);
    await ok('enricher', 'add', '--id', 'names', '--type', 'filename');
    await ok('enricher', 'add', '--id', 'unused', '--type', 'filename');
    await ok('collection', 'attach-enricher', 'lib/Series', '--enricher', 'names');
    await ok('collection', 'attach-enricher', 'shelf/Cartoons', '--enricher', 'names', '--position', '1');
    await ok('collection', 'detach-enricher', 'lib/Series', '--enricher', 'filename');
    await ok('collection', 'detach-enricher', 'lib/Movies', '--enricher', 'filename');
    await ok('collection', 'detach-enricher', 'shelf/.', '--enricher', 'ffprobe');

    const { enrichers } = json<Listed>(await ok('enricher', 'list', '--json'));
    const listed = new Map(enrichers.map((e) => [e.id, e.collections]));
    // Ordered by reference as collection list orders them: shelf/anime before shelf/Cartoons.
    const all = ['lib/.', 'lib/Broken', 'lib/Bumpers', 'lib/Commercials', 'lib/Movies', 'lib/Series', 'shelf/.', 'shelf/anime', 'shelf/Cartoons'];
    assert.deepEqual(listed.get('ffprobe'), all.filter((r) => r !== 'shelf/.'));
    assert.deepEqual(listed.get('filename'), all.filter((r) => r !== 'lib/Series' && r !== 'lib/Movies'));
    assert.deepEqual(listed.get('names'), ['lib/Series', 'shelf/Cartoons']);
    assert.deepEqual(listed.get('unused'), []);
    assert.deepEqual(listed, await persisted());

    const text = await ok('enricher', 'list');
    assert.match(text.stdout, /\nnames\s+filename\s+ingest\s+\{\}\s+2 collection\(s\)\n/);
  });

  test('D-1: a collection removed with its source no longer appears under its enrichers', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    await addDiscoveredSource(fx.database, 'shelf', shelf);
    await ok('source', 'remove', 'shelf', '--force');
    const { enrichers } = json<Listed>(await ok('enricher', 'list', '--json'));
    const listed = new Map(enrichers.map((e) => [e.id, e.collections]));
    assert.deepEqual(listed.get('ffprobe'), ['lib/.', 'lib/Broken', 'lib/Bumpers', 'lib/Commercials', 'lib/Movies', 'lib/Series']);
    assert.deepEqual(listed, await persisted());
  });
});

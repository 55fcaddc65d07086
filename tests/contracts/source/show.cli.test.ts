// CLI contract tests for `retrovue source show` (contracts/source/show.yaml).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { addDiscoveredSource } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { makeTree, type TempTree } from '../../support/directory-tree.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Shown {
  source: { id: string; name: string; type: string; config: { base_path: string }; collections: number };
  collections: Array<{ ref: string; name: string; source: string; ingest_enabled: boolean; enrichers: string[] }>;
}

let tree: TempTree;
before(() => {
  tree = makeTree({ Shows: {}, Movies: {} });
});
after(() => tree.cleanup());

forEachDatabase((fx) => {
  test('B-1: prints the source and its collections, found by name, and exits 0', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const run = await cli(['source', 'show', 'lib', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const doc = json<Shown>(run);
    assert.equal(doc.source.name, 'lib');
    assert.equal(doc.source.type, 'filesystem');
    assert.deepEqual(doc.source.config, { base_path: tree.root });
    assert.equal(doc.source.collections, 3);
    assert.deepEqual(doc.collections.map((c) => c.ref), ['lib/.', 'lib/Movies', 'lib/Shows']);
    assert.ok(doc.collections.every((c) => c.source === 'lib' && !c.ingest_enabled));
  });

  test('B-1: finds the same source by its id as by its name', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const byName = json<Shown>(await cli(['source', 'show', 'lib', '--json'], { database: fx.database }));
    const run = await cli(['source', 'show', byName.source.id, '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(json<Shown>(run), byName);
  });

  test('B-1: text mode summarises the source and lists its collections', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const run = await cli(['source', 'show', 'lib'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], `lib (filesystem) ${JSON.stringify({ base_path: tree.root })}, 3 collection(s)`);
    assert.match(lines[2] ?? '', /^COLLECTION\s+INGEST\s+READY\s+INVALID\s+MISSING\s+ENRICHERS$/);
    assert.match(lines[3] ?? '', /^lib\/\.\s+off\s+0\s+0\s+0\s+ffprobe,filename$/);
    assert.match(lines[4] ?? '', /^lib\/Movies\s+off\s+0\s+0\s+0\s+ffprobe,filename$/);
    assert.match(lines[5] ?? '', /^lib\/Shows\s+off/);
  });

  test('B-2: an unknown source exits 1 with one line naming it', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const run = await cli(['source', 'show', 'ghost'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'retrovue: error: source "ghost" does not exist; see retrovue source list\n');
    const id = randomUUID();
    const byId = await cli(['source', 'show', id, '--json'], { database: fx.database });
    assert.equal(byId.exitCode, 1);
    assert.equal(byId.stdout, '');
    assert.deepEqual(JSON.parse(byId.stderr), { error: { code: 'not_found', message: `source "${id}" does not exist; see retrovue source list` } });
  });

  test('B-3: a secret config field is shown as ******** in text and JSON', async () => {
    const add = await cli(['source', 'add', '--type', 'jellyfin', '--name', 'jf', '--url', 'http://jf.invalid:8096', '--api-key', 'key-B3-show-secret'], { database: fx.database });
    assert.equal(add.exitCode, 0, add.stderr);
    const asJson = await cli(['source', 'show', 'jf', '--json'], { database: fx.database });
    assert.equal(asJson.exitCode, 0, asJson.stderr);
    assert.deepEqual(json<{ source: { config: Record<string, unknown> } }>(asJson).source.config, { url: 'http://jf.invalid:8096', api_key: '********', timeout_ms: 30000, page_size: 200 });
    const text = await cli(['source', 'show', 'jf'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /"api_key":"\*{8}"/);
    assert.doesNotMatch(asJson.stdout + text.stdout + asJson.stderr + text.stderr, /key-B3-show-secret/);
  });
});

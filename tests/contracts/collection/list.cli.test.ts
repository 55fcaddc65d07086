// CLI contract tests for `retrovue collection list` (contracts/collection/list.yaml).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Listed {
  collections: Array<{ ref: string; source: string; name: string }>;
}

let shelf = '';
let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
  // A second, small library whose folders are not in insertion order once merged with the demo's.
  shelf = mkdtempSync(join(tmpdir(), 'retrovue-shelf-'));
  for (const dir of ['Westerns', 'Anime', 'cartoons']) mkdirSync(join(shelf, dir));
});
after(() => rmSync(shelf, { recursive: true, force: true }));

forEachDatabase((fx) => {
  const list = (...args: string[]) => cli(['collection', 'list', ...args], { database: fx.database });

  test('B-1: prints every collection of every source ordered by reference and exits 0', async () => {
    // Added "zshelf" first, so insertion order differs from reference order.
    await addDiscoveredSource(fx.database, 'zshelf', shelf);
    await addDiscoveredSource(fx.database, 'demo', demo);
    const run = await list('--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const refs = json<Listed>(run).collections.map((c) => c.ref);
    assert.deepEqual(refs, [
      'demo/.', 'demo/Broken', 'demo/Bumpers', 'demo/Commercials', 'demo/Movies', 'demo/Series',
      'zshelf/.', 'zshelf/Anime', 'zshelf/cartoons', 'zshelf/Westerns',
    ]);
    assert.deepEqual(refs, [...refs].sort((a, b) => a.localeCompare(b)));
  });

  test('B-1: --source restricts the list to that source, by name or by id', async () => {
    await addDiscoveredSource(fx.database, 'zshelf', shelf);
    await addDiscoveredSource(fx.database, 'demo', demo);
    const byName = await list('--source', 'zshelf', '--json');
    assert.equal(byName.exitCode, 0, byName.stderr);
    const collections = json<Listed>(byName).collections;
    assert.deepEqual(collections.map((c) => c.ref), ['zshelf/.', 'zshelf/Anime', 'zshelf/cartoons', 'zshelf/Westerns']);
    assert.ok(collections.every((c) => c.source === 'zshelf'));

    const source = await fx.database.db.selectFrom('source').select('id').where('name', '=', 'demo').executeTakeFirstOrThrow();
    const byId = await list('--source', source.id, '--json');
    assert.equal(byId.exitCode, 0, byId.stderr);
    assert.deepEqual(json<Listed>(byId).collections.map((c) => c.name), ['.', 'Broken', 'Bumpers', 'Commercials', 'Movies', 'Series']);
  });

  test('B-1: text mode prints one table row per collection with its ingest state and enrichers', async () => {
    await addDiscoveredSource(fx.database, 'demo', demo);
    const run = await list('--source', 'demo');
    assert.equal(run.exitCode, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0] ?? '', /^COLLECTION\s+INGEST\s+READY\s+NEW\s+INVALID\s+MISSING\s+ENRICHERS$/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(/\s+/)[0]), ['demo/.', 'demo/Broken', 'demo/Bumpers', 'demo/Commercials', 'demo/Movies', 'demo/Series']);
    for (const line of lines.slice(1)) assert.match(line, /\soff\s+0\s+0\s+0\s+0\s+ffprobe,filename$/);
  });

  test('B-1: with no collections it exits 0 with an empty list and says how to discover some', async () => {
    const run = await list('--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(json<Listed>(run).collections, []);
    const text = await list();
    assert.equal(text.exitCode, 0);
    assert.match(text.stdout, /no collections; discover them with retrovue source discover <source>/);
  });

  test('B-2: an unknown --source exits 1 with one line naming it', async () => {
    await addDiscoveredSource(fx.database, 'demo', demo);
    const run = await list('--source', 'nosuch');
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^retrovue: error: source "nosuch" does not exist/);

    const asJson = await list('--source', '00000000-0000-4000-8000-000000000000', '--json');
    assert.equal(asJson.exitCode, 1);
    assert.equal(asJson.stdout, '');
    const { error } = JSON.parse(asJson.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'not_found');
    assert.match(error.message, /source "00000000-0000-4000-8000-000000000000" does not exist/);
  });
});

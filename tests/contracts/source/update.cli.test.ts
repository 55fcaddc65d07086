// CLI contract tests for `retrovue source update` (contracts/source/update.yaml).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addDiscoveredSource } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { makeTree, writeTree, type TempTree } from '../../support/directory-tree.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Updated {
  source: { id: string; name: string; type: string; config: { base_path: string }; collections: number };
  changed: string[];
  dry_run?: boolean;
}

let tree: TempTree;
let moved: string;
before(() => {
  tree = makeTree({ Shows: {}, Movies: {}, 'notes.txt': 'x' });
  moved = join(tree.dir, 'moved');
  writeTree(moved, { Shows: {}, Movies: {} });
});
after(() => tree.cleanup());

forEachDatabase((fx) => {
  const snapshot = async () => ({
    sources: await fx.database.db.selectFrom('source').selectAll().orderBy('name').execute(),
    collections: await fx.database.db.selectFrom('collection').selectAll().orderBy('id').execute(),
  });
  const update = (...args: string[]) => cli(['source', 'update', ...args], { database: fx.database });

  test('B-1: prints the renamed source and the changed fields, and exits 0', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const run = await update('lib', '--name', 'tapes', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const doc = json<Updated>(run);
    assert.equal(doc.source.name, 'tapes');
    assert.deepEqual(doc.source.config, { base_path: tree.root });
    assert.equal(doc.source.collections, 3);
    assert.deepEqual(doc.changed, ['name']);
    assert.equal(doc.dry_run, undefined);
  });

  test('B-1: a new base path is reported as a config change; text mode says what changed', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const run = await update('lib', '--base-path', moved);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stdout, `updated config\nlib (filesystem) ${JSON.stringify({ base_path: moved })}, 3 collection(s)\n`);
    const both = await update('lib', '--name', 'tapes', '--base-path', tree.root, '--json');
    assert.equal(both.exitCode, 0, both.stderr);
    assert.deepEqual(json<Updated>(both).changed, ['name', 'config']);
  });

  test('B-1: giving the current values changes nothing and says so', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const run = await update('lib', '--name', 'lib', '--base-path', tree.root, '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(json<Updated>(run).changed, []);
    const text = await update('lib', '--config', JSON.stringify({ base_path: tree.root }));
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /^source lib unchanged\n/);
  });

  const refusals: Array<[string, string[], string]> = [
    ['an unknown source', ['ghost', '--name', 'x'], 'source "ghost" does not exist; see retrovue source list'],
    ['a taken name', ['lib', '--name', 'other'], 'source "other" already exists; pick another --name'],
    ['a config key the importer does not know', ['lib', '--config', '{"base_path":"/","bogus":true}'], 'filesystem importer config is invalid: config must NOT have additional properties "bogus"'],
    ['a config without a base path', ['lib', '--config', '{}'], "filesystem importer config is invalid: config must have required property 'base_path'"],
    ['a base path that does not exist', ['lib', '--base-path', '/nonexistent/retrovue-lib'], 'base path /nonexistent/retrovue-lib does not exist'],
    ['a malformed name', ['lib', '--name', 'Lib!'], 'Invalid value for --name: must be lowercase letters, digits, dashes and underscores'],
  ];
  for (const [what, args, message] of refusals) {
    test(`B-2: ${what} exits 1 with a one-line message and changes nothing`, async () => {
      await addDiscoveredSource(fx.database, 'lib', tree.root);
      await addDiscoveredSource(fx.database, 'other', moved);
      const before = await snapshot();
      const run = await update(...args);
      assert.equal(run.exitCode, 1, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.ok(run.stderr.startsWith(`retrovue: error: ${message}`), run.stderr);
      assert.deepEqual(await snapshot(), before);
    });
  }

  test('B-3: --dry-run reports the source as it would become and persists nothing', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const before = await snapshot();
    const run = await update('lib', '--name', 'tapes', '--base-path', moved, '--dry-run', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated>(run);
    assert.equal(doc.dry_run, true);
    assert.equal(doc.source.name, 'tapes');
    assert.deepEqual(doc.source.config, { base_path: moved });
    assert.deepEqual(doc.changed, ['name', 'config']);
    assert.deepEqual(await snapshot(), before);

    const text = await update('lib', '--name', 'tapes', '--dry-run');
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /^would update name\ntapes \(filesystem\)/);
    assert.equal(text.stderr, 'dry run: nothing was changed\n');
    assert.deepEqual(await snapshot(), before);
  });

  test('B-4: --url, --token and --api-key replace the config\'s url, token and api_key; the printed source masks the secrets', async () => {
    const add = await cli(['source', 'add', '--type', 'plex', '--name', 'plex', '--url', 'http://old.invalid:32400', '--token', 'tok-old-B4'], { database: fx.database });
    assert.equal(add.exitCode, 0, add.stderr);
    const run = await update('plex', '--url', 'https://new.invalid:32443/', '--token', 'tok-new-B4', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<{ source: { config: Record<string, unknown> }; changed: string[] }>(run);
    assert.deepEqual(doc.changed, ['config']);
    assert.deepEqual(doc.source.config, { url: 'https://new.invalid:32443', token: '********', timeout_ms: 30000, page_size: 200 });
    const text = await update('plex', '--token', 'tok-newer-B4');
    assert.equal(text.exitCode, 0, text.stderr);
    assert.doesNotMatch(run.stdout + text.stdout + run.stderr + text.stderr, /tok-(old|new|newer)-B4/);
    const stored = (await snapshot()).sources[0]?.config as Record<string, unknown>;
    assert.deepEqual(stored, { url: 'https://new.invalid:32443', token: 'tok-newer-B4', timeout_ms: 30000, page_size: 200 });
    await cli(['source', 'add', '--type', 'jellyfin', '--name', 'jf', '--url', 'http://jf.invalid:8096', '--api-key', 'key-old'], { database: fx.database });
    assert.equal((await update('jf', '--api-key', 'key-new')).exitCode, 0);
    assert.equal(((await snapshot()).sources.find((s) => s.name === 'jf')?.config as Record<string, unknown>)['api_key'], 'key-new');
  });
});

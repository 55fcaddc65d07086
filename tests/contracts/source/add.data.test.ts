// Data contract tests for `retrovue source add` (contracts/source/add.yaml).
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { cli } from '../../support/cli.js';
import { makeTree, type TempTree } from '../../support/directory-tree.js';
import { forEachDatabase } from '../../support/test-databases.js';

let tree: TempTree;
before(() => {
  tree = makeTree({ 'Shows/Show - S01E01.mkv': 'x', Movies: {}, 'Movie.mp4': 'x' });
});
after(() => tree.cleanup());

forEachDatabase((fx) => {
  const sources = () => fx.database.db.selectFrom('source').selectAll().orderBy('name').execute();
  const add = (...args: string[]) => cli(['source', 'add', '--type', 'filesystem', ...args], { database: fx.database });

  test('D-1: persists the type and the config with a relative base path made absolute and normalised', async () => {
    const fromCwd = relative(process.cwd(), tree.root);
    assert.ok(!fromCwd.startsWith('/'), fromCwd);
    const run = await add('--name', 'lib', '--base-path', `${fromCwd}/Shows/../`);
    assert.equal(run.exitCode, 0, run.stderr);
    const [row, ...rest] = await sources();
    assert.equal(rest.length, 0);
    assert.equal(row?.name, 'lib');
    assert.equal(row?.type, 'filesystem');
    assert.deepEqual(row?.config, { base_path: tree.root });
  });

  test('D-1: --base-path takes precedence over a base_path given in --config', async () => {
    const run = await add('--name', 'lib', '--config', JSON.stringify({ base_path: '/nonexistent/elsewhere' }), '--base-path', tree.root);
    assert.equal(run.exitCode, 0, run.stderr);
    const viaConfig = await add('--name', 'lib2', '--config', JSON.stringify({ base_path: join(tree.root, 'Movies') }));
    assert.equal(viaConfig.exitCode, 0, viaConfig.stderr);
    assert.deepEqual(
      (await sources()).map((s) => [s.name, s.config]),
      [
        ['lib', { base_path: tree.root }],
        ['lib2', { base_path: join(tree.root, 'Movies') }],
      ],
    );
  });

  test('D-2: a duplicate name is refused and leaves the existing source unchanged', async () => {
    assert.equal((await add('--name', 'lib', '--base-path', tree.root)).exitCode, 0);
    const before = await sources();
    const duplicate = await add('--name', 'lib', '--base-path', join(tree.root, 'Movies'));
    assert.equal(duplicate.exitCode, 1);
    assert.equal(duplicate.stderr, 'retrovue: error: source "lib" already exists; pick another --name\n');
    assert.deepEqual(await sources(), before);
  });

  test('D-3: adding a source creates no collection, asset or provider ref', async () => {
    const run = await add('--name', 'lib', '--base-path', tree.root);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal((await sources()).length, 1);
    assert.deepEqual(await fx.database.db.selectFrom('collection').selectAll().execute(), []);
    assert.deepEqual(await fx.database.db.selectFrom('collection_enricher').selectAll().execute(), []);
    assert.deepEqual(await fx.database.db.selectFrom('asset').selectAll().execute(), []);
    assert.deepEqual(await fx.database.db.selectFrom('provider_ref').selectAll().execute(), []);
  });

  test('D-4: a secret (the token, the API key) is stored as given and printed as ******** in text and JSON, never in clear', async () => {
    for (const format of [['--json'], []]) {
      const name = format.length === 0 ? 'plex-text' : 'plex-json';
      const run = await cli(['source', 'add', '--type', 'plex', '--name', name, '--url', 'http://nas.invalid:32400', '--token', 'tok-D4-0123456789', ...format], { database: fx.database });
      assert.equal(run.exitCode, 0, run.stderr);
      assert.doesNotMatch(run.stdout + run.stderr, /tok-D4-0123456789/);
      assert.match(run.stdout, /\*{8}/);
    }
    const jf = await cli(['source', 'add', '--type', 'jellyfin', '--name', 'jf', '--url', 'http://nas.invalid:8096', '--api-key', 'key-D4-abcdef'], { database: fx.database });
    assert.equal(jf.exitCode, 0, jf.stderr);
    assert.doesNotMatch(jf.stdout + jf.stderr, /key-D4-abcdef/);
    const stored = new Map((await sources()).map((s) => [s.name, s.config as Record<string, unknown>]));
    assert.equal(stored.get('plex-json')?.['token'], 'tok-D4-0123456789');
    assert.equal(stored.get('plex-text')?.['token'], 'tok-D4-0123456789');
    assert.equal(stored.get('jf')?.['api_key'], 'key-D4-abcdef');
  });
});

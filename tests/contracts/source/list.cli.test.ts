// CLI contract tests for `retrovue source list` (contracts/source/list.yaml).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { makeTree, type TempTree } from '../../support/directory-tree.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Listed {
  sources: Array<{ id: string; name: string; type: string; config: { base_path: string }; collections: number }>;
}

let tree: TempTree;
before(() => {
  tree = makeTree({ Shows: {}, Movies: {} });
});
after(() => tree.cleanup());

forEachDatabase((fx) => {
  const add = async (name: string) => {
    const run = await cli(['source', 'add', '--type', 'filesystem', '--name', name, '--base-path', tree.root], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
  };

  test('B-1: prints every source ordered by name as JSON and exits 0', async () => {
    for (const name of ['tapes', 'archive', 'movies_2', 'movies-1']) await add(name);
    const run = await cli(['source', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const { sources } = json<Listed>(run);
    assert.deepEqual(sources.map((s) => s.name), ['archive', 'movies-1', 'movies_2', 'tapes']);
    const ids = await fx.database.db.selectFrom('source').select(['id', 'name']).orderBy('name').execute();
    assert.deepEqual(sources.map((s) => [s.id, s.name]), ids.map((r) => [r.id, r.name]));
    assert.ok(sources.every((s) => s.type === 'filesystem' && s.config.base_path === tree.root));
  });

  test('B-1: text mode prints one row per source, ordered by name', async () => {
    await add('tapes');
    await add('archive');
    const run = await cli(['source', 'list'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^NAME\s+TYPE\s+COLLECTIONS\s+CONFIG$/);
    assert.match(lines[1] ?? '', /^archive\s+filesystem\s+0\s+\{"base_path":/);
    assert.match(lines[2] ?? '', /^tapes\s+filesystem\s+0\s+\{"base_path":/);
    assert.equal(lines.length, 3);
  });

  test('B-1: an empty catalog prints an empty list and exits 0', async () => {
    const run = await cli(['source', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(json<Listed>(run), { sources: [] });
    const text = await cli(['source', 'list'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stdout, 'no sources yet; add one with retrovue source add\n');
  });

  test('B-2: a secret config field is listed as ******** in text and JSON', async () => {
    await add('lib');
    const plex = await cli(['source', 'add', '--type', 'plex', '--name', 'plex', '--url', 'http://nas.invalid:32400', '--token', 'tok-B2-list-secret'], { database: fx.database });
    assert.equal(plex.exitCode, 0, plex.stderr);
    const asJson = await cli(['source', 'list', '--json'], { database: fx.database });
    assert.equal(asJson.exitCode, 0, asJson.stderr);
    const listed = json<{ sources: Array<{ name: string; config: Record<string, unknown> }> }>(asJson).sources;
    assert.deepEqual(listed.map((s) => [s.name, s.config['token']]), [['lib', undefined], ['plex', '********']]);
    const text = await cli(['source', 'list'], { database: fx.database });
    assert.match(text.stdout, /^plex\s+plex\s+0\s+.*"token":"\*{8}"/m);
    assert.doesNotMatch(asJson.stdout + text.stdout + asJson.stderr + text.stderr, /tok-B2-list-secret/);
  });
});

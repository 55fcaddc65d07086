// CLI contract tests for `retrovue source add` (contracts/source/add.yaml).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import { cli, json } from '../../support/cli.js';
import { makeTree, type TempTree } from '../../support/directory-tree.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Added {
  source: { id: string; name: string; type: string; config: Record<string, unknown>; collections: number; created_at: string; updated_at: string };
  dry_run?: boolean;
}

let tree: TempTree;
before(() => {
  tree = makeTree({ Shows: {}, Movies: {}, 'notes.txt': 'not a directory' });
});
after(() => tree.cleanup());

forEachDatabase((fx) => {
  const sources = () => fx.database.db.selectFrom('source').selectAll().execute();
  const oneLine = (stderr: string) => assert.equal(stderr.trim().split('\n').length, 1, stderr);

  test('B-1: prints the created source as JSON and exits 0', async () => {
    const run = await cli(['source', 'add', '--type', 'filesystem', '--name', 'lib', '--base-path', tree.root, '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const { source, dry_run } = json<Added>(run);
    assert.match(source.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(source.name, 'lib');
    assert.equal(source.type, 'filesystem');
    assert.deepEqual(source.config, { base_path: tree.root });
    assert.equal(source.collections, 0);
    assert.ok(!Number.isNaN(Date.parse(source.created_at)));
    assert.equal(dry_run, undefined);
    const [row] = await sources();
    assert.equal(row?.id, source.id);
  });

  test('B-1: text mode names the source, its type and config, and the next step', async () => {
    const run = await cli(['source', 'add', '--type', 'filesystem', '--name', 'lib', '--base-path', tree.root], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(
      run.stdout,
      `added source lib (filesystem) ${JSON.stringify({ base_path: tree.root })}, 0 collection(s)\nnext: retrovue source discover lib\n`,
    );
  });

  test('B-2: an unknown importer type is refused with exit 1 and a message listing the known types', async () => {
    const known = builtinPlugins().importers.types().join(', ');
    const run = await cli(['source', 'add', '--type', 'nosuch', '--name', 'lib', '--base-path', tree.root], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `retrovue: error: unknown importer type "nosuch"; known types: ${known}\n`);
    const asJson = await cli(['source', 'add', '--type', 'nosuch', '--name', 'lib', '--json'], { database: fx.database });
    assert.equal(asJson.exitCode, 1);
    assert.deepEqual(JSON.parse(asJson.stderr), {
      error: { code: 'invalid_input', message: `unknown importer type "nosuch"; known types: ${known}` },
    });
    assert.deepEqual(await sources(), []);
  });

  const refusals: Array<[string, string[], () => RegExp]> = [
    ['an unknown config key', ['--base-path', '.', '--config', '{"bogus":1}'], () => /filesystem importer config is invalid: config must NOT have additional properties "bogus"/],
    ['a base path of the wrong type', ['--config', '{"base_path":5}'], () => /filesystem importer config is invalid: base_path must be string/],
    ['no base path at all', [], () => /filesystem importer config is invalid: config must have required property 'base_path'/],
    ['a config that is not a JSON object', ['--config', '[1]'], () => /--config must be a JSON object, got \[1\]/],
    ['malformed JSON', ['--config', '{base_path'], () => /--config must be a JSON object: /],
    ['a base path that does not exist', ['--base-path', '/nonexistent/retrovue-lib'], () => /base path \/nonexistent\/retrovue-lib does not exist/],
    ['a base path that is a file', ['--base-path', 'FILE'], () => new RegExp(`base path ${join(tree.root, 'notes.txt')} is not a directory`)],
  ];
  for (const [what, args, message] of refusals) {
    test(`B-3: refuses ${what} with exit 1 naming the problem, and persists nothing`, async () => {
      const argv = args.map((a) => (a === 'FILE' ? join(tree.root, 'notes.txt') : a));
      const run = await cli(['source', 'add', '--type', 'filesystem', '--name', 'lib', ...argv], { database: fx.database });
      assert.equal(run.exitCode, 1, run.stderr);
      assert.equal(run.stdout, '');
      oneLine(run.stderr);
      assert.match(run.stderr, /^retrovue: error: /);
      assert.match(run.stderr, message());
      assert.deepEqual(await sources(), []);
    });
  }

  test('B-4: --dry-run reports the source it would create and persists nothing', async () => {
    const run = await cli(['source', 'add', '--type', 'filesystem', '--name', 'lib', '--base-path', tree.root, '--dry-run', '--json'], {
      database: fx.database,
    });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Added>(run);
    assert.equal(doc.dry_run, true);
    assert.equal(doc.source.name, 'lib');
    assert.equal(doc.source.type, 'filesystem');
    assert.deepEqual(doc.source.config, { base_path: tree.root });
    assert.deepEqual(await sources(), []);

    const text = await cli(['source', 'add', '--type', 'filesystem', '--name', 'lib', '--base-path', tree.root, '--dry-run'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /^would add source lib \(filesystem\)/);
    assert.equal(text.stderr, 'dry run: nothing was changed\n');
    assert.deepEqual(await sources(), []);
    // Nothing was reserved either: the name is still free.
    const real = await cli(['source', 'add', '--type', 'filesystem', '--name', 'lib', '--base-path', tree.root], { database: fx.database });
    assert.equal(real.exitCode, 0, real.stderr);
  });

  test('B-5: --url, --token and --api-key become the media server importers\' config (over --config), and adding contacts no server', async () => {
    // .invalid never resolves: an add that tried the server would fail.
    const plex = await cli(['source', 'add', '--type', 'plex', '--name', 'plex', '--url', 'http://plex.invalid:32400/', '--token', 'tok-B5-secret', '--config', '{"url":"http://from-config.invalid","token":"from-config","page_size":50}', '--json'], { database: fx.database });
    assert.equal(plex.exitCode, 0, plex.stderr);
    assert.deepEqual(json<Added>(plex).source.config, { url: 'http://plex.invalid:32400', token: '********', timeout_ms: 30000, page_size: 50 });
    // The option wins over --config for the secret too, which only the stored row can show.
    assert.equal((await sources()).find((s) => s.name === 'plex')?.config['token'], 'tok-B5-secret');
    const jellyfin = await cli(['source', 'add', '--type', 'jellyfin', '--name', 'jf', '--url', 'https://jf.invalid', '--api-key', 'key-B5-secret', '--json'], { database: fx.database });
    assert.equal(jellyfin.exitCode, 0, jellyfin.stderr);
    assert.deepEqual(json<Added>(jellyfin).source.config, { url: 'https://jf.invalid', api_key: '********', timeout_ms: 30000, page_size: 200 });
    const emby = await cli(['source', 'add', '--type', 'emby', '--name', 'emby', '--url', 'http://emby.invalid:8096', '--api-key', 'key-B5-emby'], { database: fx.database });
    assert.equal(emby.exitCode, 0, emby.stderr);
    assert.deepEqual((await sources()).map((s) => s.name).sort(), ['emby', 'jf', 'plex']);
  });

  test('B-5: a media server url that is not http(s), carries a credential, a query or a fragment, or lacks the token, is refused with one line and nothing stored', async () => {
    const refused = async (args: string[], pattern: RegExp) => {
      const run = await cli(['source', 'add', '--name', 'bad', ...args], { database: fx.database });
      assert.equal(run.exitCode, 1, run.stderr);
      oneLine(run.stderr);
      assert.match(run.stderr, pattern);
      assert.doesNotMatch(run.stderr + run.stdout, /hunter2/);
    };
    await refused(['--type', 'plex', '--url', 'ftp://nas:21', '--token', 'hunter2'], /http:\/\/ or https:\/\//);
    await refused(['--type', 'plex', '--url', 'http://me:hunter2@nas:32400', '--token', 't'], /no user, query or fragment/);
    await refused(['--type', 'jellyfin', '--url', 'http://nas:8096/?api_key=hunter2', '--api-key', 'k'], /no user, query or fragment/);
    await refused(['--type', 'emby', '--url', 'http://nas:8096/#hunter2', '--api-key', 'k'], /no user, query or fragment/);
    await refused(['--type', 'plex', '--url', 'not a url', '--token', 'hunter2'], /is not a URL/);
    await refused(['--type', 'plex', '--url', 'http://nas:32400'], /token/);
    await refused(['--type', 'jellyfin', '--url', 'http://nas:8096', '--token', 'hunter2'], /api_key|token/);
    assert.deepEqual(await sources(), []);
  });
});

// Data contract tests for `retrovue source list-types` (contracts/source/list-types.yaml).
// The command opens no database, so it runs once rather than per database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import type { PluginRegistries } from '../../../src/plugins/plugin-registries.js';
import type { Importer } from '../../../src/plugins/importer.js';
import { cli, json } from '../../support/cli.js';
import { libraryOf } from '../../support/media-fixtures.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { catalogueImporter } from '../../support/test-plugins.js';

interface Listed {
  types: Array<{ type: string; description: string; config_schema: Record<string, unknown> }>;
}

const listed = async (plugins?: PluginRegistries) => {
  const run = await cli(['source', 'list-types', '--json'], plugins ? { plugins } : {});
  assert.equal(run.exitCode, 0, run.stderr);
  return json<Listed>(run).types;
};

const asListed = (plugins: PluginRegistries) => plugins.importers.list().map((i) => ({ type: i.type, description: i.description, config_schema: i.configSchema }));

test('D-1: the listed types are exactly the registered importers', async () => {
  assert.deepEqual(await listed(), asListed(builtinPlugins()));
  assert.deepEqual(builtinPlugins().importers.types(), ['emby', 'filesystem', 'jellyfin', 'plex']);
});

test('D-1: an importer registered at runtime is listed too, in type order, with its own schema', async () => {
  const archive: Importer = {
    type: 'archive',
    description: 'A test importer registered by this test.',
    configSchema: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } },
    normaliseConfig: async (raw) => raw,
    discoverCollections: async () => [],
    collectionSourcePath: (_config, key) => key,
    listItems: async () => [],
  };
  const plugins = builtinPlugins();
  plugins.importers.register(archive);
  const types = await listed(plugins);
  assert.deepEqual(types.map((t) => t.type), ['archive', 'emby', 'filesystem', 'jellyfin', 'plex']);
  assert.deepEqual(types[0], { type: 'archive', description: archive.description, config_schema: archive.configSchema });
  assert.deepEqual(types, asListed(plugins));
});

forEachDatabase((fx) => {
  test('D-2: the built-ins are filesystem, plex, jellyfin and emby; a third kind registered in the context is listed, added, discovered and ingested like them', async (t) => {
    assert.deepEqual(builtinPlugins().importers.types(), ['emby', 'filesystem', 'jellyfin', 'plex']);
    const lib = await libraryOf({ 'films/a.mp4': { demo: 'Bumpers/Test Card.mp4' }, 'films/b.mov': { demo: 'Bumpers/Up Next.mov' } });
    t.after(lib.cleanup);
    const plugins = builtinPlugins();
    plugins.importers.register(catalogueImporter);
    const run = async (...argv: string[]) => {
      const result = await cli(argv, { database: fx.database, plugins });
      assert.equal(result.exitCode, 0, `${argv.join(' ')}: ${result.stderr}`);
      return result;
    };
    assert.ok((await listed(plugins)).some((type) => type.type === 'catalogue-test'));
    const shelves = { films: [{ id: 'c-1', file: '/shelves/films/a.mp4', title: 'Alpha', version: 'v1' }, { id: 'c-2', file: '/shelves/films/b.mov', title: 'Beta', version: 'v1' }] };
    const added = await run('source', 'add', '--type', 'catalogue-test', '--name', 'cat', '--config', JSON.stringify({ shelves, secret: 'cat-secret-xyz' }), '--json');
    assert.equal(json<{ source: { config: Record<string, unknown> } }>(added).source.config['secret'], '********');
    await run('source', 'discover', 'cat');
    await run('collection', 'update', 'cat/films', '--ingest-enabled', '--local-path', `/shelves/films=${lib.at('films')}`);
    const summary = json<{ new: number; invalid: number }>(await run('collection', 'ingest', 'cat/films', '--json'));
    assert.deepEqual([summary.new, summary.invalid], [2, 0]);
    const assets = await fx.database.db
      .selectFrom('asset')
      .innerJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
      .select(['asset.title', 'asset.state', 'provider_ref.importer', 'provider_ref.external_id', 'provider_ref.external_version'])
      .orderBy('asset.title')
      .execute();
    assert.deepEqual(assets, [
      { title: 'Alpha', state: 'ready', importer: 'catalogue-test', external_id: 'c-1', external_version: 'v1' },
      { title: 'Beta', state: 'ready', importer: 'catalogue-test', external_id: 'c-2', external_version: 'v1' },
    ]);
  });
});

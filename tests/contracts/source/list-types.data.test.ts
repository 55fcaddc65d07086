// Data contract tests for `retrovue source list-types` (contracts/source/list-types.yaml).
// The command opens no database, so it runs once rather than per database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import type { PluginRegistries } from '../../../src/plugins/plugin-registries.js';
import type { Importer } from '../../../src/plugins/importer.js';
import { cli, json } from '../../support/cli.js';

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

// Data contract tests for `retrovue enricher list-types` (contracts/enricher/list-types.yaml).
// The command opens no database, so it runs once rather than per database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import type { PluginRegistries } from '../../../src/plugins/plugin-registries.js';
import type { Enricher } from '../../../src/plugins/enricher.js';
import { cli, json } from '../../support/cli.js';

interface Listed {
  types: Array<{ type: string; kind: string; description: string; config_schema: Record<string, unknown> }>;
}

const listed = async (plugins?: PluginRegistries) => {
  const run = await cli(['enricher', 'list-types', '--json'], plugins ? { plugins } : {});
  assert.equal(run.exitCode, 0, run.stderr);
  return json<Listed>(run).types;
};

const asListed = (plugins: PluginRegistries) => plugins.enrichers.list().map((e) => ({ type: e.type, kind: e.kind, description: e.description, config_schema: e.configSchema }));

test('D-1: the listed types are exactly the registered enrichers', async () => {
  assert.deepEqual(await listed(), asListed(builtinPlugins()));
  assert.deepEqual(builtinPlugins().enrichers.types(), ['bug', 'crawl', 'ffprobe', 'filename', 'loudness', 'lower-third', 'vhs']);
});

test('D-1: an enricher registered at runtime is listed too, in type order, with its own kind and schema', async () => {
  const upper: Enricher = {
    type: 'all-caps',
    kind: 'ingest',
    description: 'A test enricher registered by this test: upper-cases titles.',
    configSchema: { type: 'object', additionalProperties: false, properties: { locale: { type: 'string' } } },
    enrich: async (draft) => ({ ...draft, title: draft.title.toUpperCase() }),
  };
  const plugins = builtinPlugins();
  plugins.enrichers.register(upper);
  const types = await listed(plugins);
  assert.deepEqual(types.map((t) => t.type), ['all-caps', 'bug', 'crawl', 'ffprobe', 'filename', 'loudness', 'lower-third', 'vhs']);
  assert.deepEqual(types[0], { type: 'all-caps', kind: 'ingest', description: upper.description, config_schema: upper.configSchema });
  assert.deepEqual(types, asListed(plugins));
});

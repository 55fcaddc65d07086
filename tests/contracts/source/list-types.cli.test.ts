// CLI contract tests for `retrovue source list-types` (contracts/source/list-types.yaml).
// The command opens no database, so it runs once rather than per database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filesystemImporter } from '../../../src/plugins/importers/filesystem-importer.js';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import { cli, json } from '../../support/cli.js';
import { listImporter, pluginsWithTestTypes } from '../../support/test-plugins.js';

interface Listed {
  types: Array<{ type: string; description: string; config_schema: Record<string, unknown> }>;
}

test('B-1: lists every importer type with its description and config schema as JSON, and exits 0', async () => {
  // The built-in importer and a test-only one registered beside it: every registered type is listed.
  const run = await cli(['source', 'list-types', '--json'], { plugins: pluginsWithTestTypes() });
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(run.stderr, '');
  const { types } = json<Listed>(run);
  const expected = [...builtinPlugins().importers.list(), listImporter]
    .map((i) => ({ type: i.type, description: i.description, config_schema: i.configSchema }))
    .sort((a, b) => a.type.localeCompare(b.type));
  assert.deepEqual(types, expected);
  assert.deepEqual(types.map((t) => t.type), ['emby', 'filesystem', 'jellyfin', 'list-test', 'plex']);
  assert.match(filesystemImporter.description, /directory/);
  assert.deepEqual((types.find((t) => t.type === 'filesystem')?.config_schema as { required: string[] }).required, ['base_path']);
});

test('B-1: text mode shows a table of type and description', async () => {
  const run = await cli(['source', 'list-types'], { plugins: pluginsWithTestTypes() });
  assert.equal(run.exitCode, 0, run.stderr);
  const [header, ...rows] = run.stdout.trimEnd().split('\n');
  assert.match(header ?? '', /^TYPE\s+DESCRIPTION$/);
  const row = (i: { type: string; description: string }) => `${i.type.padEnd('filesystem'.length)}  ${i.description}`;
  const builtins = builtinPlugins().importers.list();
  assert.deepEqual(rows, [...builtins, listImporter].sort((a, b) => a.type.localeCompare(b.type)).map(row));
  assert.ok(rows.includes(row(filesystemImporter)));
  // Without test plugins, the built-in ones alone.
  const builtIn = await cli(['source', 'list-types']);
  const width = Math.max(...builtins.map((i) => i.type.length));
  assert.deepEqual(builtIn.stdout.trimEnd().split('\n').slice(1), builtins.map((i) => `${i.type.padEnd(width)}  ${i.description}`));
});

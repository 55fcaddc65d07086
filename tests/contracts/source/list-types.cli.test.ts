// CLI contract tests for `retrovue source list-types` (contracts/source/list-types.yaml).
// The command opens no database, so it runs once rather than per database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filesystemImporter } from '../../../src/plugins/importers/filesystem-importer.js';
import { plexImporter } from '../../../src/plugins/importers/plex/plex-importer.js';
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
  assert.deepEqual(types, [
    { type: 'filesystem', description: filesystemImporter.description, config_schema: filesystemImporter.configSchema },
    { type: 'list-test', description: listImporter.description, config_schema: listImporter.configSchema },
    { type: 'plex', description: plexImporter.description, config_schema: plexImporter.configSchema },
  ]);
  assert.match(filesystemImporter.description, /directory/);
  assert.deepEqual((types[0]?.config_schema as { required: string[] }).required, ['base_path']);
});

test('B-1: text mode shows a table of type and description', async () => {
  const run = await cli(['source', 'list-types'], { plugins: pluginsWithTestTypes() });
  assert.equal(run.exitCode, 0, run.stderr);
  const [header, ...rows] = run.stdout.trimEnd().split('\n');
  assert.match(header ?? '', /^TYPE\s+DESCRIPTION$/);
  assert.deepEqual(rows, [`filesystem  ${filesystemImporter.description}`, `list-test   ${listImporter.description}`, `plex        ${plexImporter.description}`]);
  // Without test plugins, the built-in ones alone.
  const builtIn = await cli(['source', 'list-types']);
  assert.deepEqual(builtIn.stdout.trimEnd().split('\n').slice(1), [`filesystem  ${filesystemImporter.description}`, `plex        ${plexImporter.description}`]);
});

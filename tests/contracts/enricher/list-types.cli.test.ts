// CLI contract tests for `retrovue enricher list-types` (contracts/enricher/list-types.yaml).
// The command opens no database, so it runs once rather than per database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ffprobeEnricher } from '../../../src/plugins/enrichers/ffprobe-enricher.js';
import { filenameEnricher } from '../../../src/plugins/enrichers/filename-enricher.js';
import { loudnessEnricher } from '../../../src/plugins/enrichers/loudness-enricher.js';
import { cli, json } from '../../support/cli.js';
import { bugEnricher, pluginsWithTestTypes } from '../../support/test-plugins.js';

interface Listed {
  types: Array<{ type: string; kind: string; description: string; config_schema: Record<string, unknown> }>;
}

test('B-1: lists every enricher type with its kind, description and config schema as JSON, and exits 0', async () => {
  // The built-in ingest enrichers and a test-only playout one: every type, each with its own kind.
  const run = await cli(['enricher', 'list-types', '--json'], { plugins: pluginsWithTestTypes() });
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(run.stderr, '');
  const { types } = json<Listed>(run);
  const expected = pluginsWithTestTypes().enrichers.list().map((e) => ({ type: e.type, kind: e.kind, description: e.description, config_schema: e.configSchema }));
  assert.deepEqual(types, expected);
  assert.deepEqual(types.map((t) => `${t.type}:${t.kind}`), [
    'bug:playout', 'bug-test:playout', 'crawl:playout', 'ffprobe:ingest', 'filename:ingest', 'loudness:ingest', 'lower-third:playout',
    'vhs:playout',
  ]);
  const ffprobe = types.find((t) => t.type === 'ffprobe');
  assert.deepEqual(ffprobe, { type: 'ffprobe', kind: 'ingest', description: ffprobeEnricher.description, config_schema: ffprobeEnricher.configSchema });
  assert.deepEqual(types.find((t) => t.type === 'bug-test'), { type: 'bug-test', kind: 'playout', description: bugEnricher.description, config_schema: bugEnricher.configSchema });
  assert.match(ffprobe?.description ?? '', /ffprobe/);
  const ffprobeSchema = ffprobe?.config_schema as { properties: Record<string, { type: string }> };
  assert.equal(ffprobeSchema.properties['timeout_ms']?.type, 'integer');
});

test('B-1: text mode shows a table of type, kind and description', async () => {
  const run = await cli(['enricher', 'list-types'], { plugins: pluginsWithTestTypes() });
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(run.stderr, '');
  const [header, ...rows] = run.stdout.trimEnd().split('\n');
  assert.match(header ?? '', /^TYPE\s+KIND\s+DESCRIPTION$/);
  assert.equal(rows.length, 8);
  assert.ok(rows.includes(`bug-test     playout  ${bugEnricher.description}`), rows.join('\n'));
  assert.ok(rows.includes(`ffprobe      ingest   ${ffprobeEnricher.description}`), rows.join('\n'));
  assert.ok(rows.includes(`filename     ingest   ${filenameEnricher.description}`), rows.join('\n'));
  assert.ok(rows.includes(`loudness     ingest   ${loudnessEnricher.description}`), rows.join('\n'));
});

test('B-1: needs no database: it succeeds with the database unreachable', async () => {
  const run = await cli(['enricher', 'list-types', '--json'], { env: { RETROVUE_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(json<Listed>(run).types.length, 7);
});

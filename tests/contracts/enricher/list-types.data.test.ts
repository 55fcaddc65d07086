// Data contract tests for `retrovue enricher list-types` (contracts/enricher/list-types.yaml).
// The command opens no database, so it runs once rather than per database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrichers } from '../../../src/plugins/builtin-plugins.js';
import type { Enricher } from '../../../src/plugins/enricher.js';
import { cli, json } from '../../support/cli.js';

interface Listed {
  types: Array<{ type: string; kind: string; description: string; config_schema: Record<string, unknown> }>;
}

const listed = async () => {
  const run = await cli(['enricher', 'list-types', '--json']);
  assert.equal(run.exitCode, 0, run.stderr);
  return json<Listed>(run).types;
};

const asListed = () => enrichers.list().map((e) => ({ type: e.type, kind: e.kind, description: e.description, config_schema: e.configSchema }));

test('D-1: the listed types are exactly the registered enrichers', async () => {
  assert.deepEqual(await listed(), asListed());
  assert.deepEqual(enrichers.types(), ['ffprobe', 'filename']);
});

test('D-1: an enricher registered at runtime is listed too, in type order, with its own kind and schema', async () => {
  // This process's registry only (each test file runs in its own process).
  const upper: Enricher = {
    type: 'all-caps',
    kind: 'ingest',
    description: 'A test enricher registered by this test: upper-cases titles.',
    configSchema: { type: 'object', additionalProperties: false, properties: { locale: { type: 'string' } } },
    enrich: async (draft) => ({ ...draft, title: draft.title.toUpperCase() }),
  };
  enrichers.register(upper);
  const types = await listed();
  assert.deepEqual(types.map((t) => t.type), ['all-caps', 'ffprobe', 'filename']);
  assert.deepEqual(types[0], { type: 'all-caps', kind: 'ingest', description: upper.description, config_schema: upper.configSchema });
  assert.deepEqual(types, asListed());
});

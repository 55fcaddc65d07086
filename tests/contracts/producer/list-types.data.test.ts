// Data contract tests for `retrovue producer list-types` (contracts/producer/list-types.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import type { Producer } from '../../../src/plugins/producer.js';
import { cli, json } from '../../support/cli.js';

test('D-1: the listed types are exactly the registered producers, one registered at runtime included', async () => {
  const plugins = builtinPlugins();
  const rerun: Producer = {
    type: 'rerun',
    description: 'Test only: the same plan every time.',
    configSchema: { type: 'object', additionalProperties: false, properties: {} },
    profileOf: (config) => plugins.producers.get('schedule').profileOf(config),
    produce: (input) => ({ channelId: input.channelId, profile: input.profile, segments: [], directives: [], builtAtMs: input.atMs }),
  };
  assert.deepEqual(builtinPlugins().producers.types(), ['schedule', 'test-pattern']);
  plugins.producers.register(rerun);
  const run = await cli(['producer', 'list-types', '--json'], { plugins });
  assert.equal(run.exitCode, 0, run.stderr);
  assert.deepEqual(
    json<{ types: unknown[] }>(run).types,
    plugins.producers.list().map((p) => ({ type: p.type, description: p.description, config_schema: p.configSchema })),
  );
  assert.deepEqual(json<{ types: Array<{ type: string }> }>(run).types.map((t) => t.type), ['rerun', 'schedule', 'test-pattern']);
});

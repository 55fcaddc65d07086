// CLI contract tests for `retrovue producer list-types` (contracts/producer/list-types.yaml).
// The command opens no database, so it runs once rather than per database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scheduleProducer } from '../../../src/plugins/producers/schedule-producer.js';
import { testPatternProducer } from '../../../src/plugins/producers/test-pattern-producer.js';
import { cli, json } from '../../support/cli.js';

interface Listed {
  types: Array<{ type: string; description: string; config_schema: Record<string, unknown> }>;
}

test('B-1: lists every producer type with its description and config schema as JSON, and exits 0', async () => {
  const run = await cli(['producer', 'list-types', '--json'], { env: { RETROVUE_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(json<Listed>(run).types, [
    { type: 'schedule', description: scheduleProducer.description, config_schema: scheduleProducer.configSchema },
    { type: 'test-pattern', description: testPatternProducer.description, config_schema: testPatternProducer.configSchema },
  ]);
});

test('B-1: text mode shows a table of type and description', async () => {
  const run = await cli(['producer', 'list-types']);
  assert.equal(run.exitCode, 0, run.stderr);
  const [header, ...rows] = run.stdout.trimEnd().split('\n');
  assert.match(header ?? '', /^TYPE\s+DESCRIPTION$/);
  assert.deepEqual(rows, [`schedule      ${scheduleProducer.description}`, `test-pattern  ${testPatternProducer.description}`]);
});

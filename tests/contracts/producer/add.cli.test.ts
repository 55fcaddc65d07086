// CLI contract tests for `retrovue producer add` (contracts/producer/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Added {
  producer: { id: string; type: string; config: Record<string, unknown>; channels: string[]; created_at: string };
  dry_run?: boolean;
}

forEachDatabase((fx) => {
  const add = (...argv: string[]) => cli(['producer', 'add', ...argv], { database: fx.database });
  const refused = async (argv: string[], message: string | RegExp) => {
    const run = await add(...argv);
    assert.equal(run.exitCode, 1, run.stdout);
    assert.equal(run.stdout, '');
    if (typeof message === 'string') assert.equal(run.stderr, `retrovue: error: ${message}\n`);
    else assert.match(run.stderr, message);
  };

  test('B-1: prints the created producer as JSON and exits 0; text mode names it, its type and config', async () => {
    const run = await add('--id', 'bars', '--type', 'test-pattern', '--config', '{"picture":"test-card","text":"Back soon"}', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const { producer } = json<Added>(run);
    assert.deepEqual([producer.id, producer.type, producer.config, producer.channels], ['bars', 'test-pattern', { picture: 'test-card', text: 'Back soon' }, []]);
    assert.ok(!Number.isNaN(Date.parse(producer.created_at)));
    const text = await add('--id', 'hd', '--type', 'schedule', '--config', '{"profile":"hd-720p30"}');
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stdout, 'added producer hd (schedule) {"profile":"hd-720p30"}\n');
  });

  test('B-2: an unknown type is refused with exit 1 listing the known types', async () => {
    await refused(['--id', 'x', '--type', 'vcr'], 'unknown producer type "vcr"; known types: schedule, test-pattern');
  });

  test('B-2: a config that is not JSON, or breaks the type schema, is refused with exit 1 naming the problem', async () => {
    await refused(['--id', 'x', '--type', 'schedule', '--config', '{profile:1}'], /^retrovue: error: --config must be a JSON object: /);
    await refused(['--id', 'x', '--type', 'schedule', '--config', '{"profile":"4k"}'], /^retrovue: error: schedule producer config is invalid: profile must be equal to one of the allowed values\n$/);
    await refused(['--id', 'x', '--type', 'test-pattern', '--config', '{"picture":"snow"}'], /^retrovue: error: test-pattern producer config is invalid: picture must be equal to one of the allowed values\n$/);
    await refused(['--id', 'x', '--type', 'schedule', '--config', '{"fade":1}'], 'schedule producer config is invalid: config must NOT have additional properties "fade"');
  });
});

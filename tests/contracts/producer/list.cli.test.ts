// CLI contract tests for `retrovue producer list` (contracts/producer/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const run = (...argv: string[]) => cli(['producer', ...argv], { database: fx.database });

  test('B-1: with none defined it says channels use the built-in schedule producer; then lists every producer ordered by id', async () => {
    const empty = await run('list');
    assert.equal(empty.exitCode, 0, empty.stderr);
    assert.match(empty.stdout, /no producers defined; every channel uses the built-in schedule producer/);
    assert.deepEqual(json<{ producers: unknown[] }>(await run('list', '--json')).producers, []);
    for (const [id, type] of [['zebra', 'schedule'], ['bars', 'test-pattern']]) assert.equal((await run('add', '--id', id as string, '--type', type as string)).exitCode, 0);
    const listed = await run('list', '--json');
    assert.equal(listed.exitCode, 0, listed.stderr);
    assert.deepEqual(json<{ producers: Array<{ id: string; type: string }> }>(listed).producers.map((p) => [p.id, p.type]), [['bars', 'test-pattern'], ['zebra', 'schedule']]);
    const text = await run('list');
    assert.match(text.stdout, /^ID\s+TYPE\s+CONFIG\s+CHANNELS\nbars\s+test-pattern\s+\{\}\s+-\nzebra\s+schedule\s+\{\}\s+-\n$/);
  });
});

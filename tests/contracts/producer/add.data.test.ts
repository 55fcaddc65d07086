// Data contract tests for `retrovue producer add` (contracts/producer/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const rows = () => fx.database.db.selectFrom('producer').selectAll().orderBy('id').execute();

  test('D-1: the producer is persisted with its type and config', async () => {
    const run = await cli(['producer', 'add', '--id', 'bars', '--type', 'test-pattern', '--config', '{"picture":"slate","text":"Technical difficulties"}'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const [row] = await rows();
    assert.deepEqual([row?.id, row?.type, row?.config], ['bars', 'test-pattern', { picture: 'slate', text: 'Technical difficulties' }]);
    const bare = await cli(['producer', 'add', '--id', 'plain', '--type', 'schedule'], { database: fx.database });
    assert.equal(bare.exitCode, 0, bare.stderr);
    assert.deepEqual((await rows()).map((r) => [r.id, r.config]), [['bars', { picture: 'slate', text: 'Technical difficulties' }], ['plain', {}]]);
  });

  test('D-1: a taken id and the reserved id "default" are refused and leave every producer unchanged', async () => {
    assert.equal((await cli(['producer', 'add', '--id', 'bars', '--type', 'test-pattern'], { database: fx.database })).exitCode, 0);
    const before = await rows();
    const taken = await cli(['producer', 'add', '--id', 'bars', '--type', 'schedule', '--config', '{"fade_ms":500}'], { database: fx.database });
    assert.equal(taken.exitCode, 1);
    assert.equal(taken.stderr, 'retrovue: error: producer "bars" already exists; pick another --id\n');
    const reserved = await cli(['producer', 'add', '--id', 'default', '--type', 'schedule'], { database: fx.database });
    assert.equal(reserved.exitCode, 1);
    assert.match(reserved.stderr, /producer id "default" is reserved/);
    assert.deepEqual(await rows(), before);
  });
});

// Data contract tests for `retrovue program update` (contracts/program/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: only the given fields change; --link replaces the whole chain in order', async () => {
    await addScheduledChannel(fx.database);
    const row = () => fx.database.db.selectFrom('program').selectAll().where('name', '=', 'Movies').executeTakeFirstOrThrow();
    const before = await row();
    await ok(fx.database, ['program', 'update', 'Movies', '--description', 'Feature films']);
    const after = await row();
    assert.deepEqual({ ...after, description: null, updated_at: before.updated_at }, before);
    assert.equal(after.description, 'Feature films');
    await ok(fx.database, ['program', 'update', 'Movies', '--link', 'series:Night Shift', '--link', 'program:Captain Comet']);
    const links = await fx.database.db.selectFrom('program_link').selectAll().where('program_id', '=', before.id).orderBy('position').execute();
    assert.deepEqual(links.map((l) => [l.position, l.kind, l.series]), [[0, 'series', 'Night Shift'], [1, 'program', null]]);
  });

  test('D-2: a single --link "" empties the chain; beside other links it is refused in one line, nothing written', async () => {
    await addScheduledChannel(fx.database);
    const { id } = await fx.database.db.selectFrom('program').select('id').where('name', '=', 'Movies').executeTakeFirstOrThrow();
    const links = () => fx.database.db.selectFrom('program_link').selectAll().where('program_id', '=', id).orderBy('position').execute();
    const before = await links();
    assert.ok(before.length > 0);
    refusedInOneLine(await cli(['program', 'update', 'Movies', '--link', '', '--link', 'series:Night Shift'], { database: fx.database }), /--link "" empties the chain and cannot be combined with other --link values/);
    assert.deepEqual(await links(), before);
    const doc = await ok<{ changed: string[]; program: { asset_chain: unknown[] } }>(fx.database, ['program', 'update', 'Movies', '--link', '']);
    assert.deepEqual([doc.changed, doc.program.asset_chain], [['asset_chain'], []]);
    assert.deepEqual(await links(), []);
  });
});

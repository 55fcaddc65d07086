// Data contract tests for `retrovue program update` (contracts/program/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
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
});

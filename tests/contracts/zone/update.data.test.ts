// Data contract tests for `retrovue zone update` (contracts/zone/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: only the given fields change; --item replaces the whole list in order', async () => {
    await addScheduledChannel(fx.database);
    const zone = () => fx.database.db.selectFrom('zone').selectAll().where('name', '=', 'afternoon').executeTakeFirstOrThrow();
    const items = async () => (await fx.database.db.selectFrom('zone_item').selectAll().where('zone_id', '=', (await zone()).id).orderBy('position').execute()).map((i) => i.program_id);
    const before = await zone();
    const programs = Object.fromEntries((await fx.database.db.selectFrom('program').select(['id', 'name']).execute()).map((p) => [p.name, p.id]));
    await ok(fx.database, ['zone', 'update', 'afternoon', '--channel', 'retro1', '--plan', 'everyday', '--item', 'program:Captain Comet', '--item', 'program:Movies']);
    const after = await zone();
    assert.deepEqual({ ...after, updated_at: before.updated_at }, before);
    assert.deepEqual(await items(), [programs['Captain Comet'], programs['Movies']]);
    await ok(fx.database, ['zone', 'update', 'afternoon', '--channel', 'retro1', '--plan', 'everyday', '--end', '20:00']);
    assert.equal((await zone()).end_minute, 14 * 60);
    assert.equal((await zone()).start_minute, 6 * 60);
    assert.deepEqual(await items(), [programs['Captain Comet'], programs['Movies']]);
  });
});

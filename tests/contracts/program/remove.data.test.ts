// Data contract tests for `retrovue program remove` (contracts/program/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, buildDays, builtRows, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the program and its chain are gone, other programs unchanged, built days exactly as built', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    await ok(fx.database, ['zone', 'update', 'afternoon', '--channel', 'retro1', '--plan', 'everyday', '--item', 'program:Captain Comet']);
    const comet = () => fx.database.db.selectFrom('program').selectAll().where('name', '=', 'Captain Comet').execute();
    const [cometBefore, builtBefore] = [await comet(), await builtRows(fx.database)];
    const moviesId = (await fx.database.db.selectFrom('program').select('id').where('name', '=', 'Movies').executeTakeFirstOrThrow()).id;
    await ok(fx.database, ['program', 'remove', 'Movies', '--force']);
    assert.deepEqual(await fx.database.db.selectFrom('program_link').selectAll().where('program_id', '=', moviesId).execute(), []);
    assert.deepEqual(await comet(), cometBefore);
    assert.deepEqual(await builtRows(fx.database), builtBefore);
  });
});

// Data contract tests for `retrovue program show` (contracts/program/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the shown program equals the persisted rows, chain in order', async () => {
    const catalog = await addScheduledChannel(fx.database);
    await ok(fx.database, ['program', 'update', 'Movies', '--link', 'collection:lib/Movies', '--link', `asset:${catalog.assets['Big Movie']}`]);
    const { program } = await ok<{ program: { id: string; kind: string; play_mode: string; asset_chain: Array<{ kind: string; id: string }> } }>(fx.database, ['program', 'show', 'Movies']);
    const row = await fx.database.db.selectFrom('program').selectAll().where('name', '=', 'Movies').executeTakeFirstOrThrow();
    assert.deepEqual([program.id, program.kind, program.play_mode], [row.id, row.kind, row.play_mode]);
    const links = await fx.database.db.selectFrom('program_link').selectAll().where('program_id', '=', row.id).orderBy('position').execute();
    assert.deepEqual(program.asset_chain.map((l) => [l.kind, l.id]), links.map((l) => [l.kind, l.collection_id ?? l.asset_id]));
  });
});

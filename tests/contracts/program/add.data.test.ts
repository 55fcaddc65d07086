// Data contract tests for `retrovue program add` (contracts/program/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: persists kind, play mode, breaks, description, categories and the links in order', async () => {
    const catalog = await seedLibrary(fx.database);
    await ok(fx.database, ['program', 'add', '--name', 'Comet', '--kind', 'series', '--link', 'series:Captain Comet']);
    await ok(fx.database, ['program', 'add', '--name', 'Mix', '--kind', 'composite', '--play-mode', 'random', '--description', 'A mix', '--categories', 'Kids',
      '--link', 'program:Comet', '--link', 'collection:lib/Movies', '--link', 'series:Night Shift:1']);
    const row = await fx.database.db.selectFrom('program').selectAll().where('name', '=', 'Mix').executeTakeFirstOrThrow();
    assert.deepEqual([row.kind, row.play_mode, row.allow_breaks, row.description, row.categories], ['composite', 'random', false, 'A mix', ['Kids']]);
    const links = await fx.database.db.selectFrom('program_link').selectAll().where('program_id', '=', row.id).orderBy('position').execute();
    const comet = (await fx.database.db.selectFrom('program').select('id').where('name', '=', 'Comet').executeTakeFirstOrThrow()).id;
    assert.deepEqual(links.map((l) => [l.position, l.kind, l.child_program_id, l.collection_id, l.series, l.season]), [
      [0, 'program', comet, null, null, null],
      [1, 'collection', null, catalog.collections['Movies'], null, null],
      [2, 'series', null, null, 'Night Shift', 1],
    ]);
  });

  test('D-2: a duplicate name is refused and the existing program is unchanged', async () => {
    await seedLibrary(fx.database);
    await ok(fx.database, ['program', 'add', '--name', 'Comet', '--kind', 'series', '--link', 'series:Captain Comet']);
    const before = await fx.database.db.selectFrom('program').selectAll().execute();
    refusedInOneLine(await cli(['program', 'add', '--name', 'Comet', '--kind', 'movie'], { database: fx.database }), /program "Comet" already exists/);
    assert.deepEqual(await fx.database.db.selectFrom('program').selectAll().execute(), before);
  });
});

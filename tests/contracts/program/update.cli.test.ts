// CLI contract tests for `retrovue program update` (contracts/program/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { addScheduledChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const links = () => fx.database.db.selectFrom('program_link').selectAll().orderBy('program_id').orderBy('position').execute();

  test('B-1: prints the program as it now is and the changed fields, exit 0', async () => {
    await addScheduledChannel(fx.database);
    const doc = await ok<{ program: { name: string; play_mode: string; allow_breaks: boolean }; changed: string[] }>(fx.database, ['program', 'update', 'Movies', '--rename', 'Feature Films', '--play-mode', 'random', '--allow-breaks']);
    assert.deepEqual(doc.changed, ['name', 'play_mode', 'allow_breaks']);
    assert.deepEqual([doc.program.name, doc.program.play_mode, doc.program.allow_breaks], ['Feature Films', 'random', true]);
    assert.match((await cli(['program', 'update', 'Feature Films', '--play-mode', 'random'], { database: fx.database })).stdout, /program "Feature Films" unchanged/);
  });

  test('B-2: a chain that references the program itself, directly or through others, is refused naming the loop; nothing written', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['program', 'add', '--name', 'Block A', '--kind', 'block', '--link', 'program:Movies']);
    await ok(fx.database, ['program', 'add', '--name', 'Block B', '--kind', 'block', '--link', 'program:Block A']);
    const before = await links();
    refusedInOneLine(await cli(['program', 'update', 'Movies', '--link', 'program:Movies'], { database: fx.database }), /program "Movies" references itself; a program cannot contain itself/);
    refusedInOneLine(
      await cli(['program', 'update', 'Movies', '--link', 'program:Block B'], { database: fx.database }),
      /program "Movies" references itself through "Block B" → "Block A"; a program cannot contain itself/,
    );
    assert.deepEqual(await links(), before);
  });

  test('B-3: an unknown program or link exits 1 naming it', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(['program', 'update', 'Ghost', '--play-mode', 'random'], { database: fx.database }), /program "Ghost" does not exist/);
    refusedInOneLine(await cli(['program', 'update', 'Movies', '--link', 'collection:lib/Ghost'], { database: fx.database }), /collection "lib\/Ghost" does not exist/);
  });

  test('B-4: --dry-run reports the program as it would become and persists nothing', async () => {
    await addScheduledChannel(fx.database);
    const before = await fx.database.db.selectFrom('program').selectAll().orderBy('name').execute();
    const run = await cli(['program', 'update', 'Movies', '--kind', 'block', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(json<{ program: { kind: string } }>(run).program.kind, 'block');
    assert.deepEqual(await fx.database.db.selectFrom('program').selectAll().orderBy('name').execute(), before);
  });
});

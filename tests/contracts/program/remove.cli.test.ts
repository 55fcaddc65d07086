// CLI contract tests for `retrovue program remove` (contracts/program/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, buildDays, friday, ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const names = async () => (await fx.database.db.selectFrom('program').select('name').orderBy('name').execute()).map((p) => p.name);

  test('B-1: with --force removes the program and prints it with what built days hold of it', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    await ok(fx.database, ['zone', 'update', 'afternoon', '--channel', 'retro1', '--plan', 'everyday', '--item', 'program:Captain Comet']);
    const doc = await ok<{ removed: { name: string }; in_use: { scheduled_slots: number; aired_slots: number } }>(fx.database, ['program', 'remove', 'Movies', '--force']);
    assert.equal(doc.removed.name, 'Movies');
    assert.ok(doc.in_use.scheduled_slots > 0);
    assert.equal(doc.in_use.aired_slots, 0);
    assert.deepEqual(await names(), ['Captain Comet']);
  });

  test('B-1: a block that reached built days only as the zone item around its programs is reported with its slots', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['program', 'add', '--name', 'Block', '--kind', 'block', '--link', 'program:Captain Comet']);
    await ok(fx.database, ['zone', 'update', 'morning', '--channel', 'retro1', '--plan', 'everyday', '--item', 'program:Block']);
    await buildDays(fx.database);
    await ok(fx.database, ['zone', 'update', 'morning', '--channel', 'retro1', '--plan', 'everyday', '--item', 'program:Captain Comet']);
    const morningSlots = (await fx.database.db.selectFrom('schedule_slot').select('origin_id').where('zone_name', '=', 'morning').execute()).length;
    assert.ok(morningSlots > 0);
    const doc = await ok<{ removed: { name: string }; in_use: { scheduled_slots: number; aired_slots: number; channels: string[] } }>(fx.database, ['program', 'remove', 'Block', '--force']);
    assert.equal(doc.removed.name, 'Block');
    assert.deepEqual({ scheduled: doc.in_use.scheduled_slots, channels: doc.in_use.channels }, { scheduled: morningSlots, channels: ['retro1'] });
    assert.deepEqual(await names(), ['Captain Comet', 'Movies']);
  });

  test('B-2: a program a zone or a chain refers to is refused naming the referrer, even with --force', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['program', 'add', '--name', 'Block', '--kind', 'block', '--link', 'program:Captain Comet']);
    refusedInOneLine(
      await cli(['program', 'remove', 'Captain Comet', '--force'], { database: fx.database }),
      /program "Captain Comet" is used by zone "morning" of plan "everyday" \(channel retro1\), program "Block"; take it out of there first/,
    );
    assert.deepEqual(await names(), ['Block', 'Captain Comet', 'Movies']);
  });

  test('B-3: a program in built days is refused without --force even on a TTY, reporting scheduled and aired slots', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    await ok(fx.database, ['zone', 'update', 'morning', '--channel', 'retro1', '--plan', 'everyday', '--item', 'program:Movies']);
    refusedInOneLine(await cli(['program', 'remove', 'Captain Comet'], { database: fx.database, typed: 'y\n', clock: friday }), /program "Captain Comet" is in built schedule days: \d+ scheduled slot\(s\) on retro1 \(2025-03-07 to 2025-03-08\), [1-9]\d* already aired/);
    assert.deepEqual(await names(), ['Captain Comet', 'Movies']);
  });

  test('B-4: an unknown program exits 1 naming it; without --force and no TTY nothing is removed', async () => {
    await seedLibrary(fx.database);
    refusedInOneLine(await cli(['program', 'remove', 'Ghost', '--force'], { database: fx.database }), /program "Ghost" does not exist/);
    await ok(fx.database, ['program', 'add', '--name', 'Lone', '--kind', 'movie', '--link', 'collection:lib/Movies']);
    assert.equal((await cli(['program', 'remove', 'Lone'], { database: fx.database })).exitCode, 1);
    assert.deepEqual(await names(), ['Lone']);
  });
});

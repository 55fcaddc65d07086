// CLI contract tests for `retrovue schedule-day build` (contracts/schedule-day/build.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, builtRows, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

type Built = { built: string[]; kept: string[]; rebuilt: boolean; days: Array<{ programming_day: string; slots: number; warnings: string[] }> };

forEachDatabase((fx) => {
  test('B-1: builds the range (default from the day on air), prints days with slots, exit 0; days between stay contiguous', async () => {
    await addScheduledChannel(fx.database);
    const doc = await ok<Built>(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '2']);
    assert.deepEqual(doc.built, ['2025-03-07', '2025-03-08']);
    assert.ok(doc.days.every((d) => d.slots > 0));
    // Asking for a later range builds the day between, so days stay contiguous.
    const later = await ok<Built>(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-03-10', '--days', '1']);
    assert.deepEqual(later.built, ['2025-03-09', '2025-03-10']);
    const text = await cli(['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-03-11', '--days', '1'], { database: fx.database, clock: friday });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /built 1 day\(s\) for channel retro1: 2025-03-11\n  2025-03-11  2025-03-11 06:00:00 → 2025-03-12 06:00:00  \d+ slots/);
  });

  test('B-2: days already built are kept unchanged and reported as kept without --force', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '2']);
    const before = await builtRows(fx.database);
    const again = await ok<Built>(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '2']);
    assert.deepEqual(again.built, []);
    assert.deepEqual(again.kept, ['2025-03-07', '2025-03-08']);
    assert.deepEqual(await builtRows(fx.database), before);
  });

  test('B-3: --force rebuilds future days from the current plans; a day that started airing is refused naming the first that can be', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '3']);
    const refused = await cli(['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-03-07', '--force'], { database: fx.database, clock: friday });
    refusedInOneLine(refused, /schedule day 2025-03-07 of channel "retro1" started airing at 2025-03-07T06:00:00.000Z; a day that has started can never be rebuilt \(the first that can is 2025-03-08\)/);
    await ok(fx.database, ['zone', 'update', 'afternoon', '--channel', 'retro1', '--plan', 'everyday', '--item', 'program:Captain Comet']);
    const rebuilt = await ok<Built>(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-03-08', '--days', '1', '--force']);
    assert.equal(rebuilt.rebuilt, true);
    assert.deepEqual(rebuilt.built, ['2025-03-08', '2025-03-09']); // as far as the days reached before
    const afternoon = await fx.database.db.selectFrom('schedule_slot').select('title').where('zone_name', '=', 'afternoon').where('programming_day', '=', '2025-03-08').execute();
    assert.ok(afternoon.length > 0 && afternoon.every((s) => s.title === 'Captain Comet'), JSON.stringify(afternoon));
  });

  test('B-4: an unknown channel, a bad date or refused plans exit 1 in one line and write nothing', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(['schedule-day', 'build', '--channel', 'ghost'], { database: fx.database, clock: friday }), /channel "ghost" does not exist/);
    refusedInOneLine(await cli(['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-3-8'], { database: fx.database, clock: friday }), /--from must be a real date as YYYY-MM-DD/);
    // Two plans tied at the top priority for the same day are refused when the day is resolved.
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'rival']);
    refusedInOneLine(await cli(['schedule-day', 'build', '--channel', 'retro1'], { database: fx.database, clock: friday }), /schedule plans "everyday" and "rival" both apply to 2025-03-07 with priority 0/);
    assert.deepEqual(await builtRows(fx.database), []);
  });

  test('B-5: without --force a --from before the first built day is refused naming it, nothing written', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-03-08', '--days', '1']);
    const before = await builtRows(fx.database);
    refusedInOneLine(
      await cli(['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-03-07', '--days', '3'], { database: fx.database, clock: friday }),
      /channel "retro1" has schedule days from 2025-03-08 on; days are built in order, so 2025-03-07 cannot be added before them/,
    );
    assert.deepEqual(await builtRows(fx.database), before);
  });

  test('B-6: a --from more than 60 days ahead is refused naming the last allowed, nothing written', async () => {
    await addScheduledChannel(fx.database);
    for (const from of ['9999-12-31', '2025-05-07']) {
      refusedInOneLine(
        await cli(['schedule-day', 'build', '--channel', 'retro1', '--from', from, '--days', '1'], { database: fx.database, clock: friday }),
        new RegExp(`--from ${from} is more than 60 days ahead of channel "retro1"'s programming day 2025-03-07; the last --from allowed is 2025-05-06`),
      );
    }
    assert.deepEqual(await builtRows(fx.database), []);
    const edge = await ok<Built>(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-05-06', '--days', '1', '--dry-run']);
    assert.equal(edge.built.at(-1), '2025-05-06');
    assert.deepEqual(await builtRows(fx.database), []);
  });
});

// Data contract tests for `retrovue schedule-day build` (contracts/schedule-day/build.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: days are contiguous and sequential progress carries across days (episodes continue, never reset)', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '3']);
    const days = await fx.database.db.selectFrom('schedule_day').select(['cover_start_ms', 'cover_end_ms']).orderBy('programming_day').execute();
    for (let i = 1; i < days.length; i++) assert.equal(Number(days[i]?.cover_start_ms), Number(days[i - 1]?.cover_end_ms));
    const comet = await fx.database.db.selectFrom('schedule_slot').select(['title', 'season', 'episode']).where('zone_name', '=', 'morning').orderBy('start_ms').execute();
    // 6 episodes rotate in order across the day boundary: 1,2,…,6,1,2,… with no restart at a new day.
    const order = comet.map((s) => s.episode);
    assert.equal(order.length, 3 * 12); // 06:00–12:00 holds twelve 30-minute blocks a day
    order.forEach((e, i) => assert.equal(e, (i % 6) + 1, `slot ${i}: ${JSON.stringify(comet[i])}`));
  });

  test('D-2: a rebuild re-expands the playlog as far as it reached, contiguous', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '3']);
    await ok(fx.database, ['playlog', 'build', '--channel', 'retro1', '--hours', '40']);
    const end = async () => Number((await fx.database.db.selectFrom('playlog_event').select((eb) => eb.fn.max('end_ms').as('end')).executeTakeFirstOrThrow()).end);
    const before = await end();
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--from', '2025-03-08', '--force']);
    assert.ok((await end()) >= before);
    const events = await fx.database.db.selectFrom('playlog_event').select(['start_ms', 'end_ms']).orderBy('start_ms').execute();
    for (let i = 1; i < events.length; i++) assert.equal(Number(events[i]?.start_ms), Number(events[i - 1]?.end_ms));
  });
});

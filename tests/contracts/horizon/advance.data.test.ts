// Data contract tests for `retrovue horizon advance` (contracts/horizon/advance.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, addUtcChannel, friday, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: each channel commits on its own, and the bookkeeping records how far schedule and playlog reach', async () => {
    await addScheduledChannel(fx.database);
    await addUtcChannel(fx.database, 'broken', '5');
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'broken', '--name', 'a']);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'broken', '--name', 'b']);
    await ok(fx.database, ['channel', 'update', 'broken', '--no-enabled']);
    await ok(fx.database, ['horizon', 'advance', '--epg-days', '1', '--playlog-hours', '6']);
    await ok(fx.database, ['channel', 'update', 'broken', '--enabled']);
    // The refused channel's transaction rolled back alone: retro1's rows stayed.
    const row = await fx.database.db
      .selectFrom('schedule_horizon')
      .select(['channel_id', sql<string>`to_char(schedule_through, 'YYYY-MM-DD')`.as('through'), 'playlog_through_ms'])
      .execute();
    assert.deepEqual(row.map((r) => [r.channel_id, r.through, Number(r.playlog_through_ms)]), [['retro1', '2025-03-08', Date.parse('2025-03-08T06:00:00Z')]]);
    const before = await fx.database.db.selectFrom('schedule_day').select('channel_id').execute();
    const run = await cli(['horizon', 'advance', '--epg-days', '1', '--playlog-hours', '6'], { database: fx.database, clock: friday });
    assert.equal(run.exitCode, 2, run.stderr); // partial: broken is refused, retro1 had nothing left to build
    assert.deepEqual(await fx.database.db.selectFrom('schedule_day').select('channel_id').execute(), before);
    assert.deepEqual(await fx.database.db.selectFrom('schedule_day').select('channel_id').where('channel_id', '=', 'broken').execute(), []);
  });
});

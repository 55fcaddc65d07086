// CLI contract tests for `retrovue zone remove` (contracts/zone/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SqlBool, sql } from 'kysely';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, buildDays, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

const remove = (name: string, ...extra: string[]) => ['zone', 'remove', name, '--channel', 'retro1', '--plan', 'everyday', ...extra];

forEachDatabase((fx) => {
  const zoneNames = async () => (await fx.database.db.selectFrom('zone').select('name').orderBy('name').execute()).map((z) => z.name);

  test('B-1: with --force removes the zone and prints it with what built days hold of it', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    const built = (await fx.database.db.selectFrom('schedule_slot').select('start_ms').where('zone_name', '=', 'afternoon').execute()).length;
    assert.ok(built >= 4, `${built}`); // two days of 6 hours of movies
    const doc = await ok<{ removed: { name: string }; in_use: { scheduled_slots: number; aired_slots: number } }>(fx.database, remove('afternoon', '--force'));
    assert.equal(doc.removed.name, 'afternoon');
    assert.equal(doc.in_use.scheduled_slots, built);
    assert.equal(doc.in_use.aired_slots, 0); // Friday 10:00: the afternoon has not started
    assert.deepEqual(await zoneNames(), ['morning']);
  });

  test('B-1: a same-named zone of another plan is neither removed nor counted: the exact slots of this zone', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'weekend', '--days', 'SAT,SUN', '--priority', '5']);
    await ok(fx.database, ['zone', 'add', '--channel', 'retro1', '--plan', 'weekend', '--name', 'afternoon', '--start', '12:00', '--end', '18:00', '--item', 'program:Captain Comet']);
    await buildDays(fx.database); // Friday from everyday, Saturday from weekend
    const afternoonSlots = async (day: string) => (await fx.database.db.selectFrom('schedule_slot').select('start_ms').where('zone_name', '=', 'afternoon').where(sql<SqlBool>`programming_day = ${day}::date`).execute()).length;
    const fridaySlots = await afternoonSlots('2025-03-07');
    assert.ok(fridaySlots > 0 && (await afternoonSlots('2025-03-08')) > 0);
    const doc = await ok<{ in_use: { scheduled_slots: number; first_day: string; last_day: string } }>(fx.database, remove('afternoon', '--force'));
    assert.deepEqual(doc.in_use, { scheduled_slots: fridaySlots, aired_slots: 0, channels: ['retro1'], first_day: '2025-03-07', last_day: '2025-03-07' });
    const zones = await fx.database.db.selectFrom('zone').innerJoin('schedule_plan', 'schedule_plan.id', 'zone.plan_id').select(['schedule_plan.name as plan', 'zone.name as zone']).orderBy('plan').orderBy('zone').execute();
    assert.deepEqual(zones, [{ plan: 'everyday', zone: 'morning' }, { plan: 'weekend', zone: 'afternoon' }]);
  });

  test('B-2: a zone in built days is refused without --force even on a TTY, reporting scheduled and aired slots', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    refusedInOneLine(await cli(remove('morning'), { database: fx.database, typed: 'y\n', clock: friday }), /zone "morning" of plan "everyday" \(channel retro1\) is in built schedule days: \d+ scheduled slot\(s\) on retro1 \(2025-03-07 to 2025-03-08\), [1-9]\d* already aired/);
    assert.deepEqual(await zoneNames(), ['afternoon', 'morning']);
  });

  test('B-3: an unknown zone exits 1 naming it; without --force and no TTY nothing is removed', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(remove('ghost', '--force'), { database: fx.database }), /zone "ghost" of plan "everyday"/);
    const run = await cli(remove('afternoon'), { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.deepEqual(await zoneNames(), ['afternoon', 'morning']);
  });
});

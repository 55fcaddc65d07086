// CLI contract tests for `retrovue zone update` (contracts/zone/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

const update = (name: string, ...extra: string[]) => ['zone', 'update', name, '--channel', 'retro1', '--plan', 'everyday', ...extra];

forEachDatabase((fx) => {
  const zoneRows = () => fx.database.db.selectFrom('zone').selectAll().orderBy('name').execute();

  test('B-1: prints the zone as it now is and the changed fields, exit 0', async () => {
    await addScheduledChannel(fx.database);
    const doc = await ok<{ zone: { name: string; start: string; end: string; days_of_week: string[] }; changed: string[] }>(
      fx.database,
      update('afternoon', '--rename', 'matinee', '--start', '13:00', '--end', '17:00', '--days', 'MON,TUE'),
    );
    assert.deepEqual(doc.changed, ['name', 'window', 'days_of_week']);
    assert.deepEqual([doc.zone.name, doc.zone.start, doc.zone.end, doc.zone.days_of_week], ['matinee', '13:00', '17:00', ['MON', 'TUE']]);
    const same = await cli(update('matinee', '--end', '17:00'), { database: fx.database });
    assert.match(same.stdout, /zone "matinee" unchanged/);
    // A zone starting at midnight reads 00:00 (its end at midnight reads 24:00), and keeps its start when only its end moves.
    await ok(fx.database, ['zone', 'add', '--channel', 'retro1', '--plan', 'everyday', '--name', 'overnight', '--start', '00:00', '--end', '06:00']);
    const night = await ok<{ zone: { start: string; end: string } }>(fx.database, update('overnight', '--end', '05:00'));
    assert.deepEqual([night.zone.start, night.zone.end], ['00:00', '05:00']);
    const late = await ok<{ zone: { start: string; end: string } }>(fx.database, update('overnight', '--start', '22:00', '--end', '24:00'));
    assert.deepEqual([late.zone.start, late.zone.end], ['22:00', '24:00']);
  });

  test('B-2: an overlap, an off-grid or cross-day window or an unknown item is refused in one line, nothing written', async () => {
    await addScheduledChannel(fx.database);
    const before = await zoneRows();
    refusedInOneLine(await cli(update('afternoon', '--start', '11:30'), { database: fx.database }), /zones "morning" \(06:00–12:00\) and "afternoon" \(11:30–18:00\) of plan "everyday" overlap/);
    refusedInOneLine(await cli(update('afternoon', '--end', '18:45'), { database: fx.database }), /zone "afternoon" of plan "everyday" ends at 18:45, off the channel grid/);
    refusedInOneLine(await cli(update('afternoon', '--end', '07:00'), { database: fx.database }), /crosses the programming day start 06:00/);
    refusedInOneLine(await cli(update('afternoon', '--item', 'virtual:nothing'), { database: fx.database }), /virtual asset "nothing" does not exist/);
    assert.deepEqual(await zoneRows(), before);
  });

  test('B-3: an unknown zone exits 1 naming it', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(update('ghost', '--start', '07:00'), { database: fx.database }), /zone "ghost" of plan "everyday" \(channel "retro1"\) does not exist/);
  });
});

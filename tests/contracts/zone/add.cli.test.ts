// CLI contract tests for `retrovue zone add` (contracts/zone/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { addScheduledChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

const zoneAdd = ['zone', 'add', '--channel', 'retro1', '--plan', 'everyday'];

forEachDatabase((fx) => {
  const zoneRows = () => fx.database.db.selectFrom('zone').selectAll().orderBy('name').execute();

  test('B-1: prints the zone with its wall-clock window and items by name, and exits 0', async () => {
    await addScheduledChannel(fx.database);
    const doc = await ok<{ zone: { name: string; start: string; end: string; items: Array<{ kind: string; name: string }>; days_of_week: string[] } }>(fx.database, [
      ...zoneAdd, '--name', 'late', '--start', '22:00', '--end', '02:00', '--days', 'fri,sat', '--item', 'program:Movies', '--item', 'program:Captain Comet',
    ]);
    assert.equal(doc.zone.name, 'late');
    assert.equal(doc.zone.start, '22:00');
    assert.equal(doc.zone.end, '02:00');
    assert.deepEqual(doc.zone.days_of_week, ['FRI', 'SAT']);
    assert.deepEqual(doc.zone.items.map((i) => `${i.kind}:${i.name}`), ['program:Movies', 'program:Captain Comet']);
    const text = await cli([...zoneAdd, '--name', 'evening', '--start', '18:00', '--end', '20:00', '--item', 'program:Movies'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /18:00–20:00\s+evening: program "Movies"/);
  });

  test('B-2: an overlapping zone is refused in one line naming both zones (a weekday zone against an every-day zone too), nothing written', async () => {
    await addScheduledChannel(fx.database);
    const before = await zoneRows();
    const run = await cli([...zoneAdd, '--name', 'brunch', '--start', '11:00', '--end', '13:00', '--item', 'program:Movies'], { database: fx.database });
    refusedInOneLine(run, /zones "morning" \(06:00–12:00\) and "brunch" \(11:00–13:00\) of plan "everyday" overlap on every day/);
    assert.deepEqual(await zoneRows(), before);
    // A weekday zone shares its weekday with an every-day zone.
    const saturday = await cli([...zoneAdd, '--name', 'sat-brunch', '--start', '11:00', '--end', '13:00', '--days', 'SAT', '--item', 'program:Movies'], { database: fx.database });
    refusedInOneLine(saturday, /zones "morning" \(06:00–12:00\) and "sat-brunch" \(11:00–13:00\) of plan "everyday" overlap on SAT/);
    assert.deepEqual(await zoneRows(), before);
    // Zones on different weekdays may share a window.
    await ok(fx.database, [...zoneAdd, '--name', 'sat-night', '--start', '20:00', '--end', '22:00', '--days', 'SAT']);
    await ok(fx.database, [...zoneAdd, '--name', 'sun-night', '--start', '20:00', '--end', '22:00', '--days', 'SUN']);
    // Two weekday zones that share one weekday of several (neither's days within the other's) overlap on that day.
    await ok(fx.database, [...zoneAdd, '--name', 'weekend-late', '--start', '22:00', '--end', '23:00', '--days', 'FRI,SAT']);
    const friday = await cli([...zoneAdd, '--name', 'thu-fri-late', '--start', '22:30', '--end', '23:00', '--days', 'THU,FRI'], { database: fx.database });
    refusedInOneLine(friday, /zones "weekend-late" \(22:00–23:00\) and "thu-fri-late" \(22:30–23:00\) of plan "everyday" overlap on FRI/);
    await ok(fx.database, [...zoneAdd, '--name', 'mid-week-late', '--start', '22:30', '--end', '23:00', '--days', 'TUE,WED']);
  });

  test('B-3: an off-grid boundary names the zone and the nearest boundaries; a zone across the day start names it; nothing written', async () => {
    await addScheduledChannel(fx.database);
    const before = await zoneRows();
    refusedInOneLine(
      await cli([...zoneAdd, '--name', 'odd', '--start', '18:10', '--end', '20:00'], { database: fx.database }),
      /zone "odd" of plan "everyday" starts at 18:10, off the channel grid \(30-minute blocks at \+0 from 06:00\); use 18:00 or 18:30/,
    );
    refusedInOneLine(
      await cli([...zoneAdd, '--name', 'dawn', '--start', '05:00', '--end', '07:00'], { database: fx.database }),
      /zone 05:00–07:00 crosses the programming day start 06:00/,
    );
    assert.deepEqual(await zoneRows(), before);
  });

  test('B-4: unknown channel, plan or item and malformed times or items are refused in one line, nothing written', async () => {
    await addScheduledChannel(fx.database);
    const before = await zoneRows();
    const cases: Array<[string[], RegExp]> = [
      [['zone', 'add', '--channel', 'nope', '--plan', 'everyday', '--name', 'z', '--start', '18:00', '--end', '19:00'], /channel "nope" does not exist/],
      [['zone', 'add', '--channel', 'retro1', '--plan', 'nope', '--name', 'z', '--start', '18:00', '--end', '19:00'], /schedule plan "nope" of channel "retro1" does not exist/],
      [[...zoneAdd, '--name', 'z', '--start', '18:00', '--end', '19:00', '--item', 'program:Nope'], /--item program:Nope: program "Nope" does not exist/],
      [[...zoneAdd, '--name', 'z', '--start', '18:00', '--end', '19:00', '--item', 'asset:00000000-0000-4000-8000-000000000000'], /asset 00000000-0000-4000-8000-000000000000 does not exist/],
      [[...zoneAdd, '--name', 'z', '--start', '18:00', '--end', '19:00', '--item', 'Movies'], /--item must be <kind>:<name> with kind one of program, asset, virtual, synthetic/],
      [[...zoneAdd, '--name', 'z', '--start', '6pm', '--end', '19:00'], /zone start must be a time of day as HH:MM; got "6pm"/],
      [[...zoneAdd, '--name', 'z', '--start', '18:00', '--end', '19:00', '--days', 'FUNDAY'], /--days must list weekdays/],
    ];
    for (const [argv, message] of cases) refusedInOneLine(await cli(argv, { database: fx.database }), message);
    assert.deepEqual(await zoneRows(), before);
  });

  test('B-5: --dry-run reports the zone and persists nothing', async () => {
    await addScheduledChannel(fx.database);
    const before = await zoneRows();
    const run = await cli([...zoneAdd, '--name', 'evening', '--start', '18:00', '--end', '20:00', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<{ zone: { name: string }; dry_run: boolean }>(run);
    assert.equal(doc.zone.name, 'evening');
    assert.equal(doc.dry_run, true);
    assert.deepEqual(await zoneRows(), before);
  });

  test('B-6: a --name with a newline, tab or escape sequence is refused in one line naming --name; nothing written', async () => {
    await addScheduledChannel(fx.database);
    const before = await fx.database.db.selectFrom('zone').selectAll().execute();
    for (const name of ['Evil\nRow', 'Tab\there', 'Red\u001b[31m']) {
      refusedInOneLine(await cli(['zone', 'add', '--channel', 'retro1', '--plan', 'everyday', '--name', name, '--start', '18:00', '--end', '20:00', '--item', 'program:Movies'], { database: fx.database }), /--name must not contain control characters/);
    }
    assert.deepEqual(await fx.database.db.selectFrom('zone').selectAll().execute(), before);
  });
});

// CLI contract tests for `retrovue zone remove` (contracts/zone/remove.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, buildDays, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

const remove = (name: string, ...extra: string[]) => ['zone', 'remove', name, '--channel', 'retro1', '--plan', 'everyday', ...extra];

forEachDatabase((fx) => {
  const zoneNames = async () => (await fx.database.db.selectFrom('zone').select('name').orderBy('name').execute()).map((z) => z.name);

  test('B-1: with --force removes the zone and prints it with what built days hold of it', async () => {
    await addScheduledChannel(fx.database);
    await buildDays(fx.database);
    const doc = await ok<{ removed: { name: string }; in_use: { scheduled_slots: number; aired_slots: number } }>(fx.database, remove('afternoon', '--force'));
    assert.equal(doc.removed.name, 'afternoon');
    assert.ok(doc.in_use.scheduled_slots >= 4, JSON.stringify(doc.in_use)); // two days of 6 hours of movies
    assert.equal(doc.in_use.aired_slots, 0); // Friday 10:00: the afternoon has not started
    assert.deepEqual(await zoneNames(), ['morning']);
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

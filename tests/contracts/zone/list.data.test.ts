// Data contract tests for `retrovue zone list` (contracts/zone/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUtcChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: ordered by plan name, then start in the programming day (after-midnight zones last)', async () => {
    await addUtcChannel(fx.database);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'b']);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro1', '--name', 'a', '--days', 'MON']);
    for (const [plan, name, start, end] of [['b', 'night', '01:00', '03:00'], ['b', 'day', '09:00', '10:00'], ['a', 'x', '12:00', '13:00']]) {
      await ok(fx.database, ['zone', 'add', '--channel', 'retro1', '--plan', plan as string, '--name', name as string, '--start', start as string, '--end', end as string]);
    }
    const doc = await ok<{ zones: Array<{ plan: string; name: string }> }>(fx.database, ['zone', 'list', '--channel', 'retro1']);
    assert.deepEqual(doc.zones.map((z) => `${z.plan}/${z.name}`), ['a/x', 'b/day', 'b/night']);
  });
});

// Data contract tests for `retrovue schedule-plan list` (contracts/schedule-plan/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUtcChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: ordered by channel, priority from highest, name; zones by start in the programming day', async () => {
    await addUtcChannel(fx.database, 'b-chan', '2');
    await addUtcChannel(fx.database, 'a-chan', '1');
    for (const [channel, name, priority] of [['b-chan', 'x', '0'], ['a-chan', 'low', '0'], ['a-chan', 'high', '9'], ['a-chan', 'also-low', '0']] as const) {
      await ok(fx.database, ['schedule-plan', 'add', '--channel', channel, '--name', name, '--priority', priority]);
    }
    // 02:00 lies after 22:00 in a programming day starting at 06:00.
    await ok(fx.database, ['zone', 'add', '--channel', 'a-chan', '--plan', 'high', '--name', 'small-hours', '--start', '02:00', '--end', '04:00']);
    await ok(fx.database, ['zone', 'add', '--channel', 'a-chan', '--plan', 'high', '--name', 'late', '--start', '22:00', '--end', '23:00']);
    await ok(fx.database, ['zone', 'add', '--channel', 'a-chan', '--plan', 'high', '--name', 'morning', '--start', '06:00', '--end', '07:00']);
    const doc = await ok<{ plans: Array<{ channel: string; name: string; zones: Array<{ name: string }> }> }>(fx.database, ['schedule-plan', 'list']);
    assert.deepEqual(doc.plans.map((p) => `${p.channel}/${p.name}`), ['a-chan/high', 'a-chan/also-low', 'a-chan/low', 'b-chan/x']);
    assert.deepEqual(doc.plans[0]?.zones.map((z) => z.name), ['morning', 'late', 'small-hours']);
  });
});

// Data contract tests for `retrovue schedule-plan show` (contracts/schedule-plan/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the shown plan equals the persisted rows, zones and items in order', async () => {
    await addScheduledChannel(fx.database);
    const { plan } = await ok<{ plan: { id: string; priority: number; zones: Array<{ id: string; name: string; items: Array<{ id: string }> }> } }>(fx.database, ['schedule-plan', 'show', 'everyday', '--channel', 'retro1']);
    const row = await fx.database.db.selectFrom('schedule_plan').selectAll().executeTakeFirstOrThrow();
    assert.equal(plan.id, row.id);
    assert.equal(plan.priority, row.priority);
    const zones = await fx.database.db.selectFrom('zone').selectAll().orderBy('start_minute').execute();
    assert.deepEqual(plan.zones.map((z) => [z.id, z.name]), zones.map((z) => [z.id, z.name]));
    const items = await fx.database.db.selectFrom('zone_item').selectAll().orderBy('position').execute();
    for (const zone of plan.zones) {
      assert.deepEqual(zone.items.map((i) => i.id), items.filter((i) => i.zone_id === zone.id).map((i) => i.program_id));
    }
  });
});

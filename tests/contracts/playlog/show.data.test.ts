// Data contract tests for `retrovue playlog show` (contracts/playlog/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the events shown are the stored ones, each starting where the previous ends', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Commercials', '--role', 'commercial']);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    await ok(fx.database, ['playlog', 'build', '--channel', 'retro1']);
    const doc = await ok<{ events: Array<{ start_ms: number; end_ms: number; asset_id: string | null; role: string }> }>(fx.database, ['playlog', 'show', '--channel', 'retro1', '--at', '2025-03-07T06:00:00Z', '--hours', '24']);
    const rows = await fx.database.db.selectFrom('playlog_event').selectAll().orderBy('start_ms').execute();
    assert.deepEqual(doc.events.map((e) => [e.start_ms, e.end_ms, e.asset_id, e.role]), rows.map((r) => [Number(r.start_ms), Number(r.end_ms), r.asset_id, r.role]));
    for (let i = 1; i < doc.events.length; i++) assert.equal(doc.events[i]?.start_ms, doc.events[i - 1]?.end_ms);
  });
});

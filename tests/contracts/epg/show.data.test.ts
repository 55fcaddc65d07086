// Data contract tests for `retrovue epg show` (contracts/epg/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: every programme is one stored slot, from its start to the end of its grid blocks', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    const doc = await ok<{ programmes: Array<{ start: string; stop: string; title: string }> }>(fx.database, ['epg', 'show', '--channel', 'retro1', '--from', '2025-03-07T06:00:00Z', '--hours', '24']);
    const slots = await fx.database.db.selectFrom('schedule_slot').select(['start_ms', 'block_end_ms', 'title']).orderBy('start_ms').execute();
    assert.deepEqual(doc.programmes.map((p) => [Date.parse(p.start), Date.parse(p.stop), p.title]), slots.map((s) => [Number(s.start_ms), Number(s.block_end_ms), s.title]));
  });
});

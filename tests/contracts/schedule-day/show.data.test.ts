// Data contract tests for `retrovue schedule-day show` (contracts/schedule-day/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: entries tile the day from its start to its end without gap or overlap, slots as stored', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    const doc = await ok<{ day: { starts_at: string; ends_at: string }; entries: Array<{ kind: string; start_ms: number; end_ms: number }> }>(fx.database, ['schedule-day', 'show', '--channel', 'retro1', '--date', '2025-03-07']);
    assert.equal(doc.entries[0]?.start_ms, Date.parse(doc.day.starts_at));
    assert.equal(doc.entries.at(-1)?.end_ms, Date.parse(doc.day.ends_at));
    for (let i = 1; i < doc.entries.length; i++) assert.equal(doc.entries[i]?.start_ms, doc.entries[i - 1]?.end_ms);
    const slots = await fx.database.db.selectFrom('schedule_slot').select(['start_ms', 'block_end_ms']).orderBy('start_ms').execute();
    assert.deepEqual(doc.entries.filter((e) => e.kind === 'slot').map((e) => [e.start_ms, e.end_ms]), slots.map((s) => [Number(s.start_ms), Number(s.block_end_ms)]));
  });
});

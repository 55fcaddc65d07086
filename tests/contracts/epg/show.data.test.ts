// Data contract tests for `retrovue epg show` (contracts/epg/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: every programme is one stored slot up to the next programme (its breaks included) or an Off Air stretch', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    const doc = await ok<{ programmes: Array<{ start: string; stop: string; title: string; kind: string }> }>(fx.database, ['epg', 'show', '--channel', 'retro1', '--from', '2025-03-07T06:00:00Z', '--hours', '24']);
    const slots = await fx.database.db.selectFrom('schedule_slot').select(['start_ms', 'title']).orderBy('start_ms').execute();
    const shown = doc.programmes.filter((p) => p.kind === 'programme');
    assert.deepEqual(shown.map((p) => [Date.parse(p.start), p.title]), slots.map((s) => [Number(s.start_ms), s.title]));
    doc.programmes.slice(1).forEach((p, i) => assert.equal(p.start, doc.programmes[i]?.stop, 'gapless'));
    // Zones cover 06:00-18:00 only: the evening and night are off air, the movies' breaks are not.
    assert.deepEqual(doc.programmes.filter((p) => p.kind === 'off-air').map((p) => [p.title, p.start, p.stop]), [['Off Air', '2025-03-07T18:00:00.000Z', '2025-03-08T06:00:00.000Z']]);
  });
});

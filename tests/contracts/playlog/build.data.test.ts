// Data contract tests for `retrovue playlog build` (contracts/playlog/build.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: events are contiguous to the millisecond; avails hold the channel\'s bumpers and commercials, padded by filler', async () => {
    const catalog = await addScheduledChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Commercials', '--role', 'commercial']);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '2']);
    await ok(fx.database, ['playlog', 'build', '--channel', 'retro1', '--hours', '30']);
    const events = await fx.database.db.selectFrom('playlog_event').selectAll().orderBy('start_ms').execute();
    assert.equal(Number(events[0]?.start_ms), Date.parse('2025-03-07T06:00:00Z'));
    assert.equal(Number(events.at(-1)?.end_ms), Date.parse('2025-03-09T06:00:00Z'));
    for (let i = 1; i < events.length; i++) assert.equal(Number(events[i]?.start_ms), Number(events[i - 1]?.end_ms), `gap or overlap at event ${i}`);
    const interstitials = new Set(events.filter((e) => e.role === 'interstitial').map((e) => e.asset_id));
    for (const key of ['bumper-a', 'bumper-b', 'ad-15', 'ad-30']) assert.ok(interstitials.has(catalog.assets[key] as string), `${key} airs in the avails`);
    assert.ok(events.some((e) => e.role === 'filler' && e.source_kind === 'synthetic'));
    // Each 22-minute episode is followed by its block's 8-minute avail, filled exactly.
    const firstEpisode = events[0];
    assert.equal(Number(firstEpisode?.end_ms) - Number(firstEpisode?.start_ms), 22 * 60_000);
    const blockEnd = Date.parse('2025-03-07T06:30:00Z');
    assert.ok(events.some((e) => Number(e.start_ms) === blockEnd && e.role === 'program'));
  });
});

// CLI contract tests for `retrovue playlog show` (contracts/playlog/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, fridayMs, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

type Shown = { from: string; to: string; events: Array<{ start_ms: number; end_ms: number; duration_ms: number; role: string; source: string; title: string }> };

forEachDatabase((fx) => {
  test('B-1: prints the events of the window in order with exact times, the one on air at --at first; an empty window names playlog build', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    assert.match((await cli(['playlog', 'show', '--channel', 'retro1'], { database: fx.database, clock: friday })).stdout, /no playlog for channel retro1 .*; run retrovue playlog build --channel retro1/);
    await ok(fx.database, ['playlog', 'build', '--channel', 'retro1']);
    const doc = await ok<Shown>(fx.database, ['playlog', 'show', '--channel', 'retro1', '--at', '2025-03-07T06:00:00Z', '--hours', '1']);
    assert.equal(doc.from, '2025-03-07T06:00:00.000Z');
    assert.equal(doc.events[0]?.start_ms, Date.parse('2025-03-07T06:00:00Z'));
    assert.equal(doc.events[0]?.role, 'program');
    assert.equal(doc.events[0]?.duration_ms, 22 * 60_000);
    assert.equal(doc.events[1]?.role, 'interstitial');
    assert.ok(doc.events.every((e) => e.duration_ms === e.end_ms - e.start_ms));
    const midEvent = await ok<Shown>(fx.database, ['playlog', 'show', '--channel', 'retro1', '--at', '2025-03-07T06:10:00Z', '--hours', '0.5']);
    assert.equal(midEvent.from, '2025-03-07T06:10:00.000Z');
    assert.deepEqual(
      { start_ms: midEvent.events[0]?.start_ms, end_ms: midEvent.events[0]?.end_ms, role: midEvent.events[0]?.role },
      { start_ms: Date.parse('2025-03-07T06:00:00Z'), end_ms: Date.parse('2025-03-07T06:22:00Z'), role: 'program' },
      'the event on air at --at is listed first',
    );
    const text = await cli(['playlog', 'show', '--channel', 'retro1', '--at', '2025-03-07T01:00:00-05:00', '--hours', '0.5'], { database: fx.database });
    assert.match(text.stdout, /06:00:00\s+1320\.000 s  program\s+Captain Comet — Captain Comet S01E01/);
  });

  test('B-2: an unknown channel or an instant that does not parse exits 1 naming it; an instant is read as everywhere', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(['playlog', 'show', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
    // A bracketed zone would make Luxon drop the typed offset; a window past 9999 would print no ISO date-time.
    for (const at of ['2025-03-07 18:00', '2025-03-07', 'tomorrow', '2025-03-07T18:00:00+25:00', '2025-03-07T18:00:00-15:00', '2025-03-07T18:00:00+14:01', '2025-03-07T01:00-05:00[Europe/Paris]', '9999-12-31T23:59:59.999Z']) {
      refusedInOneLine(await cli(['playlog', 'show', '--channel', 'retro1', '--at', at], { database: fx.database }), /--at must be "now" or an ISO 8601 instant/);
    }
    // The same forms as `channel plan --at`: a wall time without an offset is on the channel's clock, "now" is now.
    await ok(fx.database, ['channel', 'update', 'retro1', '--timezone', 'America/New_York']);
    assert.equal((await ok<Shown>(fx.database, ['playlog', 'show', '--channel', 'retro1', '--at', '2025-03-07T01:00'])).from, '2025-03-07T06:00:00.000Z');
    assert.equal((await ok<Shown>(fx.database, ['playlog', 'show', '--channel', 'retro1', '--at', '2025-07-07T01:00'])).from, '2025-07-07T05:00:00.000Z');
    const now = await cli(['playlog', 'show', '--channel', 'retro1', '--at', 'NOW', '--json'], { database: fx.database, clock: friday });
    assert.equal(JSON.parse(now.stdout).from, new Date(fridayMs).toISOString());
  });
});

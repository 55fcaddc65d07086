// CLI contract tests for `retrovue epg show` (contracts/epg/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

type Guide = { programmes: Array<{ start: string; stop: string; title: string; episode: string | null }> };

forEachDatabase((fx) => {
  test('B-1: prints the programmes of the window at their resolved times in the channel zone; filler never shows', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    await ok(fx.database, ['horizon', 'advance', '--epg-days', '1']);
    const doc = await ok<Guide>(fx.database, ['epg', 'show', '--channel', 'retro1', '--from', '2025-03-07T11:00:00Z', '--hours', '3']);
    const shown = doc.programmes.map((p) => `${p.start.slice(11, 16)}-${p.stop.slice(11, 16)} ${p.title} ${p.episode ?? ''}`.trim());
    assert.deepEqual(shown.slice(0, 2), ['11:00-11:30 Captain Comet S01E05', '11:30-12:00 Captain Comet S01E06']);
    // The shuffle is seeded by the catalog (asset ids differ per database): either movie, over as many blocks as it needs.
    assert.equal(shown.length, 3);
    assert.match(shown[2] ?? '', /^12:00-(14:30 Big Movie|14:00 Short Movie)$/);
    const text = await cli(['epg', 'show', '--channel', 'retro1', '--from', '2025-03-07T06:00:00-05:00', '--hours', '1'], { database: fx.database, clock: friday });
    assert.match(text.stdout, /3  Channel retro1 \(retro1\), UTC\n03-07 11:00–11:30  Captain Comet S01E05 — Captain Comet S01E05\n03-07 11:30–12:00  Captain Comet S01E06/);
    assert.doesNotMatch(text.stdout, /bumper/);
  });

  test('B-2: an unbuilt window names the command; an unknown channel or a bad instant exits 1', async () => {
    await addScheduledChannel(fx.database);
    assert.match((await cli(['epg', 'show', '--channel', 'retro1'], { database: fx.database, clock: friday })).stdout, /nothing scheduled on channel retro1 .*; run retrovue schedule-day build --channel retro1/);
    refusedInOneLine(await cli(['epg', 'show', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
    for (const from of ['noon', '2025-03-07T06:00:00-05:00[Asia/Tokyo]', '9999-12-31T23:00Z']) {
      refusedInOneLine(await cli(['epg', 'show', '--channel', 'retro1', '--from', from], { database: fx.database }), /--from must be "now" or an ISO 8601 instant in the years 0001-9998/);
    }
  });
});

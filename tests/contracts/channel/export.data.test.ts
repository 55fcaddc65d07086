// Data contract tests for `retrovue channel export` (contracts/channel/export.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertOutReplacedAtomically } from '../../support/atomic-out.js';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: every tvg-id equals the channel id the XMLTV guide uses', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    const m3u = (await cli(['channel', 'export'], { database: fx.database })).stdout;
    const xml = (await cli(['epg', 'export', '--days', '1'], { database: fx.database, clock: friday })).stdout;
    const playlistIds = [...m3u.matchAll(/tvg-id="([^"]+)"/g)].map((m) => m[1]);
    const guideIds = [...xml.matchAll(/<channel id="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(playlistIds, ['retro1']);
    assert.deepEqual(playlistIds, guideIds);
    assert.match(xml, /programme start="[^"]+" stop="[^"]+" channel="retro1"/);
  });

  test('D-2: --out is replaced atomically (a reader of the old file keeps it whole); a failed write leaves the old file and no partial', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    await assertOutReplacedAtomically(fx.database, ['channel', 'export', '--format', 'm3u'], 'channels.m3u', friday);
  });
});

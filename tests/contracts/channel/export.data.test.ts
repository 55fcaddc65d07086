// Data contract tests for `retrovue channel export` (contracts/channel/export.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertOutReplacedAtomically } from '../../support/atomic-out.js';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-m3u-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

forEachDatabase((fx) => {
  test('D-1: every tvg-id equals the channel id the XMLTV guide uses (<id>.<guide-domain>); a logo is tvg-logo <base-url>/channel/<id>/logo', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    for (const domain of [[], ['--guide-domain', 'tv.example.org']]) {
      const m3u = (await cli(['channel', 'export', ...domain], { database: fx.database })).stdout;
      const xml = (await cli(['epg', 'export', '--days', '1', ...domain], { database: fx.database, clock: friday })).stdout;
      const playlistIds = [...m3u.matchAll(/tvg-id="([^"]+)"/g)].map((m) => m[1]);
      const guideIds = [...xml.matchAll(/<channel id="([^"]+)">/g)].map((m) => m[1]);
      assert.deepEqual(playlistIds, [domain.length === 0 ? 'retro1.retrovue' : 'retro1.tv.example.org']);
      assert.deepEqual(playlistIds, guideIds);
      assert.match(xml, new RegExp(`programme start="[^"]+" stop="[^"]+" channel="${playlistIds[0]}"`));
    }
    const logo = join(scratch, 'logo.gif');
    writeFileSync(logo, Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'));
    await ok(fx.database, ['channel', 'update', 'retro1', '--logo', logo]);
    const m3u = (await cli(['channel', 'export', '--base-url', 'http://tv.local:8000/'], { database: fx.database })).stdout;
    assert.match(m3u, /tvg-id="retro1\.retrovue" tvg-chno="3" tvg-name="Channel retro1" tvg-logo="http:\/\/tv\.local:8000\/channel\/retro1\/logo"/);
  });

  test('D-2: --out is replaced atomically (a reader of the old file keeps it whole); a failed write leaves the old file and no partial; a symlink stays a link, a FIFO is written into', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    await assertOutReplacedAtomically(fx.database, ['channel', 'export', '--format', 'm3u'], 'channels.m3u', friday);
  });
});

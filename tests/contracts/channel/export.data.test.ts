// Data contract tests for `retrovue channel export` (contracts/channel/export.yaml).
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
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
    const dir = mkdtempSync(join(tmpdir(), 'retrovue-out-'));
    try {
      const out = join(dir, 'channels.m3u');
      const old = 'the previous channels.m3u, still being read\n'.repeat(100);
      writeFileSync(out, old);
      const reader = openSync(out, 'r');
      const oldInode = statSync(out).ino;
      const run = await cli([...['channel', 'export', '--format', 'm3u'], '--out', out], { database: fx.database, clock: friday });
      assert.equal(run.exitCode, 0, run.stderr);
      assert.notEqual(statSync(out).ino, oldInode, 'renamed over, not rewritten in place');
      const held = Buffer.alloc(old.length + 10);
      assert.equal(held.toString('utf8', 0, readSync(reader, held, 0, held.length, 0)), old);
      closeSync(reader);
      assert.ok(readFileSync(out, 'utf8').includes('retro1'));
      // A target that cannot be replaced (a non-empty directory): exit 1, the directory as it was, no partial file.
      const blocked = join(dir, 'blocked');
      mkdirSync(blocked);
      writeFileSync(join(blocked, 'keep'), 'x');
      const failed = await cli([...['channel', 'export', '--format', 'm3u'], '--out', blocked], { database: fx.database, clock: friday });
      assert.equal(failed.exitCode, 1);
      assert.match(failed.stderr, /^retrovue: error: cannot write .*blocked: .*\n$/);
      assert.deepEqual(readdirSync(blocked), ['keep']);
      assert.deepEqual(readdirSync(dir).sort(), ['blocked', 'channels.m3u']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

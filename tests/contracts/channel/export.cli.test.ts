// CLI contract tests for `retrovue channel export` (contracts/channel/export.yaml).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addUtcChannel, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-m3u-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

forEachDatabase((fx) => {
  test('B-1: writes one entry per enabled channel in dial order with tvg attributes and stream URL', async () => {
    await addUtcChannel(fx.database, 'ten', '10');
    await addUtcChannel(fx.database, 'two', '2');
    await ok(fx.database, ['channel', 'add', '--id', 'dark', '--name', 'Dark', '--number', '5', '--timezone', 'UTC', '--no-enabled']);
    const run = await cli(['channel', 'export', '--format', 'm3u', '--base-url', 'http://tv.local:8080/', '--epg-url', 'http://tv.local:8080/epg.xml'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        '#EXTM3U url-tvg="http://tv.local:8080/epg.xml"',
        '#EXTINF:-1 tvg-id="two.retrovue" tvg-chno="2" tvg-name="Channel two" group-title="RetroVue",Channel two',
        'http://tv.local:8080/channel/two.ts',
        '#EXTINF:-1 tvg-id="ten.retrovue" tvg-chno="10" tvg-name="Channel ten" group-title="RetroVue",Channel ten',
        'http://tv.local:8080/channel/ten.ts',
        '',
      ].join('\n'),
    );
    const doc = await ok<{ out: string; channels: number }>(fx.database, ['channel', 'export', '--out', 'channels.m3u']);
    assert.equal(doc.channels, 2);
    assert.match(readFileSync(doc.out, 'utf8'), /http:\/\/127\.0\.0\.1:8080\/channel\/two\.ts/);
  });

  test('B-2: a bad --base-url, an unwritable file or --json without --out exits 1 naming it', async () => {
    refusedInOneLine(await cli(['channel', 'export', '--base-url', 'ftp://x'], { database: fx.database }), /--base-url must be an http:\/\/ or https:\/\/ URL/);
    refusedInOneLine(await cli(['channel', 'export', '--out', join(scratch, 'missing', 'x.m3u')], { database: fx.database }), /cannot write/);
    refusedInOneLine(await cli(['channel', 'export', '--json'], { database: fx.database }), /--json prints a summary and needs --out FILE/);
  });
});

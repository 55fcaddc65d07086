// CLI contract tests for `retrovue epg export` (contracts/epg/export.yaml).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { tvValidateFile } from '../../support/xmltv-validator.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-epg-export-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const xmltvDtd = '/usr/share/sgml/xmltv/dtd/0.5/xmltv.dtd';

forEachDatabase((fx) => {
  test('B-1: writes every enabled channel\'s guide to --out (or stdout), valid against the XMLTV DTD', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['channel', 'add', '--id', 'dark', '--name', 'Dark', '--number', '8', '--timezone', 'UTC', '--no-enabled']);
    await ok(fx.database, ['horizon', 'advance', '--epg-days', '2']);
    const run = await cli(['epg', 'export', '--format', 'xmltv', '--out', 'guide.xml', '--days', '2'], { database: fx.database, clock: friday, cwd: scratch });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /wrote xmltv guide of 1 channel\(s\), \d+ programmes, to .*guide\.xml/);
    const file = join(scratch, 'guide.xml');
    execFileSync('xmllint', ['--noout', '--nonet', '--dtdvalid', xmltvDtd, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const xml = readFileSync(file, 'utf8');
    assert.match(xml, /<channel id="retro1.retrovue">/);
    assert.doesNotMatch(xml, /<channel id="dark/);
    const stdout = await cli(['epg', 'export', '--format', 'json', '--days', '1'], { database: fx.database, clock: friday });
    assert.equal(stdout.exitCode, 0, stdout.stderr);
    assert.ok(JSON.parse(stdout.stdout));
  });

  test('B-2: --json needs --out and prints a summary', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(['epg', 'export', '--json'], { database: fx.database }), /--json prints a summary and needs --out FILE/);
    const doc = await ok<{ format: string; out: string; channels: number; programmes: number; bytes: number }>(fx.database, ['epg', 'export', '--out', join(scratch, 'g.json'), '--format', 'json']);
    assert.deepEqual([doc.format, doc.out, doc.channels, doc.programmes], ['json', join(scratch, 'g.json'), 1, 0]);
    assert.equal(doc.bytes, readFileSync(join(scratch, 'g.json')).length);
  });

  test('B-3: an unknown channel or an unwritable file exits 1 naming it', async () => {
    await addScheduledChannel(fx.database);
    refusedInOneLine(await cli(['epg', 'export', '--channel', 'ghost'], { database: fx.database }), /channel "ghost" does not exist/);
    refusedInOneLine(await cli(['epg', 'export', '--out', join(scratch, 'no-such-dir', 'g.xml')], { database: fx.database }), /cannot write .*no-such-dir\/g\.xml: ENOENT/);
  });

  test('B-4: tv_validate_file accepts the export of a schedule with avails and off-air time; ids are <id>.<guide-domain>, logos as <icon> with --base-url', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['interstitial', 'add', '--channel', 'retro1', '--collection', 'lib/Bumpers', '--role', 'bumper']);
    await ok(fx.database, ['channel', 'add', '--id', 'planless', '--name', 'Planless', '--number', '8', '--timezone', 'UTC']);
    await ok(fx.database, ['horizon', 'advance', '--epg-days', '2', '--playlog-hours', '6']);
    await ok(fx.database, ['channel', 'add', '--id', 'unbuilt', '--name', 'Unbuilt', '--number', '9', '--timezone', 'UTC']);
    const logo = join(scratch, 'logo.svg');
    writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
    await ok(fx.database, ['channel', 'update', 'retro1', '--logo', logo]);
    const run = await cli(['epg', 'export', '--out', 'domain.xml', '--guide-domain', 'tv.example.org', '--base-url', 'http://tv.local:8000/'], { database: fx.database, clock: friday, cwd: scratch });
    assert.equal(run.exitCode, 0, run.stderr);
    const file = join(scratch, 'domain.xml');
    const verdict = tvValidateFile(file);
    assert.ok(verdict.ok, verdict.report);
    const xml = readFileSync(file, 'utf8');
    assert.match(xml, /<channel id="retro1\.tv\.example\.org">\s*<display-name>Channel retro1<\/display-name>\s*<display-name>3<\/display-name>\s*<icon src="http:\/\/tv\.local:8000\/channel\/retro1\/logo"\/>/);
    assert.match(xml, /<title>Off Air<\/title>/);
    assert.match(xml, /<programme start="20250307060000 \+0000" stop="20250310060000 \+0000" channel="planless\.tv\.example\.org">\s*<title>Off Air<\/title>/, 'a channel with no plan is off air');
    assert.doesNotMatch(xml, /unbuilt/, 'a channel with nothing built is left out: the validator refuses a channel without programmes');
  });

  test('B-5: a --guide-domain that is not a DNS-like name or a bad --base-url exits 1 naming the option', async () => {
    await addScheduledChannel(fx.database);
    for (const domain of ['', 'Retro Vue', '-bad.org', 'a..b', 'x_y', `${'a'.repeat(64)}.org`]) {
      refusedInOneLine(await cli(['epg', 'export', '--guide-domain', domain], { database: fx.database }), /guide-domain/);
    }
    refusedInOneLine(await cli(['epg', 'export', '--base-url', 'ftp://x'], { database: fx.database }), /--base-url must be an http/);
  });
});

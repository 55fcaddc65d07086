// CLI contract tests for `retrovue demo` / `retrovue demo network` (contracts/demo/network.yaml).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DateTime } from 'luxon';
import { request } from 'undici';
import { cli, cliProcess, json } from '../../support/cli.js';
import { binaryEnv, killBinaryWhileFfmpegRuns, withBinaryDatabase } from '../../support/media-fixtures.js';
import { processesMentioning, survivors } from '../../support/processes.js';
import { startServe } from '../../support/runtime-binary.js';
import { tuneIn } from '../../support/runtime.js';
import { forEachDatabase, onOneDatabase, testDialects } from '../../support/test-databases.js';
import { tvValidateFile } from '../../support/xmltv-validator.js';
import type { GuideJson } from '../../../src/runtime/guide-page/guide-json.js';

// One RETROVUE_HOME for the file: the media is made once (the first run) and reused by every later run.
const home = mkdtempSync(join(tmpdir(), 'retrovue-demo-home-'));
after(() => rmSync(home, { recursive: true, force: true }));
const env = { RETROVUE_HOME: home };

type OnNow = { title: string; episode: string | null; start: string; end: string };
type Demo = { home: string; media: string; reused_media: boolean; created: string[]; channels: Array<{ id: string; timezone: string; on_now: OnNow | null; schedule_through: string | null; playlog_through: string | null; error: string | null }>; next: string[] };
/** A zone the machine is not in, so a test can tell --timezone's from the machine's. */
const otherZone = (zone: string) => (Intl.DateTimeFormat().resolvedOptions().timeZone === zone ? 'Europe/Paris' : zone);

forEachDatabase((fx) => {
  test('B-1, B-50, B-52: with no input makes media, ingests, creates three channels in the machine\'s zone, advances horizons, says what is on now, prints what next', async () => {
    const startedMs = Date.now();
    const run = await cli(['demo', 'network', '--no-serve', '--json'], { database: fx.database, env });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Demo>(run);
    assert.equal(doc.home, home);
    assert.ok(existsSync(join(doc.media, 'Movies', 'The Long Voyage (1979).mp4')));
    for (const made of ['source demo', 'program Captain Comet', 'virtual asset Prime Time Premiere', 'synthetic asset Overnight Test Card', 'channel toons', 'channel sitcoms', 'channel movies', 'logo of toons']) {
      assert.ok(doc.created.includes(made), `${made} in ${doc.created.join(', ')}`);
    }
    assert.deepEqual(doc.channels.map((c) => c.id), ['toons', 'sitcoms', 'movies']);
    assert.ok(doc.channels.every((c) => c.error === null && c.schedule_through !== null && c.playlog_through !== null), JSON.stringify(doc.channels));
    assert.deepEqual(doc.channels.map((c) => c.timezone), Array(3).fill(Intl.DateTimeFormat().resolvedOptions().timeZone));
    for (const c of doc.channels) {
      assert.ok(c.on_now && c.on_now.title !== '' && Date.parse(c.on_now.start) <= Date.now() && Date.parse(c.on_now.end) > startedMs, `${c.id} on now: ${JSON.stringify(c.on_now)}`);
    }
    assert.deepEqual(doc.next.slice(0, 2), ['retrovue epg show --channel toons', 'retrovue playlog show --channel toons --json']);
    // Every command it suggests works as printed; the guide it exports validates against the XMLTV DTD.
    for (const command of doc.next) {
      const next = await cli(command.split(' ').slice(1), { database: fx.database, env, cwd: home });
      assert.equal(next.exitCode, 0, `${command}: ${next.stderr}`);
    }
    execFileSync('xmllint', ['--noout', '--nonet', '--dtdvalid', '/usr/share/sgml/xmltv/dtd/0.5/xmltv.dtd', join(home, 'guide.xml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const verdict = tvValidateFile(join(home, 'guide.xml'));
    assert.ok(verdict.ok, verdict.report);
    assert.match(readFileSync(join(home, 'channels.m3u'), 'utf8'), /tvg-id="toons\.retrovue" tvg-chno="2" tvg-name="Toon Time"/);
  });

  test('B-2, B-51: a second run reuses everything and only advances the horizons; another --timezone is refused, none keeps the channels\' zone', async () => {
    const zone = otherZone('Australia/Adelaide');
    const first = await cli(['demo', 'network', '--no-serve', '--json', '--timezone', zone], { database: fx.database, env });
    assert.equal(first.exitCode, 0, first.stderr);
    assert.deepEqual(json<Demo>(first).channels.map((c) => c.timezone), [zone, zone, zone]);
    const count = async () => Promise.all(['source', 'asset', 'program', 'channel', 'zone', 'schedule_day', 'playlog_event'].map(async (t) => (await fx.database.db.selectFrom(t as 'asset').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
    const before = await count();
    // B-51: a --timezone other than the channels' is refused in one line, naming their zone and the way on.
    const moved = await cli(['demo', 'network', '--no-serve', '--timezone', 'America/Denver'], { database: fx.database, env });
    assert.equal(moved.exitCode, 1, moved.stderr);
    assert.equal(moved.stderr.trim().split('\n').length, 1, moved.stderr);
    assert.match(moved.stderr, new RegExp(`the demo channels are in ${zone}, not America/Denver: rerun without --timezone .*another RETROVUE_HOME`));
    assert.deepEqual(await count(), before);
    const again = await cli(['demo', 'network', '--no-serve', '--json', '--timezone', zone], { database: fx.database, env });
    assert.equal(again.exitCode, 0, again.stderr);
    const doc = json<Demo>(again);
    assert.equal(doc.reused_media, true);
    assert.deepEqual(doc.created, []);
    assert.deepEqual((await count()).slice(0, 6), before.slice(0, 6));
    // Without --timezone a rerun keeps the channels' zone, and a demo channel it makes again gets it too.
    assert.equal((await cli(['channel', 'remove', 'movies', '--force'], { database: fx.database, env })).exitCode, 0);
    const rerun = json<Demo>(await cli(['demo', 'network', '--no-serve', '--json'], { database: fx.database, env }));
    assert.deepEqual(rerun.created.filter((made) => made.startsWith('channel ')), ['channel movies']);
    assert.deepEqual(rerun.channels.map((c) => c.timezone), [zone, zone, zone]);
  });

  test('B-50: an unknown --timezone is refused with exit 1 in one line naming it, before anything is made', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'retrovue-demo-zone-'));
    try {
      const run = await cli(['demo', '--no-serve', '--timezone', 'Mars/Olympus_Mons'], { database: fx.database, env: { RETROVUE_HOME: fresh } });
      assert.equal(run.exitCode, 1);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^[^\n]*IANA time zone[^\n]*"Mars\/Olympus_Mons"\n?$/);
      assert.equal(existsSync(join(fresh, 'demo-media')), false, 'no demo media made');
      assert.deepEqual(await fx.database.db.selectFrom('source').select('name').execute(), []);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  // The alias and its text: what it stores and reads is proven on both databases by B-1 (B-52 there too).
  test('B-3, B-52: `retrovue demo` alone runs it, its first line says what is on each channel now (as epg show lists it), and it prints the commands to run next', onOneDatabase(fx), async () => {
    // 14:30 in Los Angeles on a fixed day: the clock every command here reads.
    const atMs = Date.parse('2026-07-15T21:30:00Z');
    const clock = { now: () => atMs };
    const run = await cli(['demo', '--no-serve', '--timezone', 'America/Los_Angeles'], { database: fx.database, env, clock });
    assert.equal(run.exitCode, 0, run.stderr);
    const first = run.stdout.split('\n')[0] ?? '';
    const onNow = /^on now \(America\/Los_Angeles\): 2 Toon Time — (.+) \(until (\d\d:\d\d)\) · 3 Sitcom Central — (.+) \(until (\d\d:\d\d)\) · 4 Movie Palace — (.+) \(until (\d\d:\d\d)\)$/.exec(first);
    assert.ok(onNow, first);
    for (const [i, id] of ['toons', 'sitcoms', 'movies'].entries()) {
      const guide = json<{ programmes: Array<{ title: string; episode: string | null; start: string; stop: string }> }>(
        await cli(['epg', 'show', '--channel', id, '--from', new Date(atMs).toISOString(), '--hours', '0.01', '--json'], { database: fx.database, env, clock }),
      );
      const on = guide.programmes[0];
      assert.ok(on && Date.parse(on.start) <= atMs, `${id}: ${JSON.stringify(guide.programmes)}`);
      assert.equal(onNow[1 + 2 * i], on.episode === null ? on.title : `${on.title} ${on.episode}`, id);
      assert.equal(onNow[2 + 2 * i], DateTime.fromISO(on.stop).setZone('America/Los_Angeles').toFormat('HH:mm'), id);
    }
    assert.match(run.stdout, /(built the demo network in |the demo network in .* was already built)/);
    assert.match(run.stdout, /\n  +2  toons +Toon Time: schedule through \d{4}-\d\d-\d\d/);
    assert.match(run.stdout, /next:\n  retrovue epg show --channel toons\n/);
  });

  test('B-4, B-10, B-40, B-50: goes on to serve the network, logos included (H.264 + AAC on a demo channel, the web guide listing its channels, other commands still work), its channels in the machine\'s zone (TZ), and SIGTERM stops it leaving no child', onOneDatabase(fx), async () => {
    await withBinaryDatabase(fx, home, async () => undefined);
    const machineZone = otherZone('Pacific/Chatham');
    const serve = await startServe(['--port', '0'], { ...binaryEnv(fx, home), TZ: machineZone }, 180_000, ['demo']);
    try {
      // B-50: a machine whose zone is TZ's makes the channels in it (a rerun keeps the zone they have).
      assert.match(serve.stderr(), new RegExp(`^on now \\(${machineZone}\\): 2 Toon Time — .* · 4 Movie Palace — `, 'm'));
      assert.match(serve.stderr(), new RegExp(`watch: ffplay ${serve.url}/channel/toons\\.ts +\\(or: vlc ${serve.url}/playlist\\.m3u\\)`));
      // B-40: the guide's address, and what it lists.
      assert.match(serve.stderr(), new RegExp(`\nbrowse: ${serve.url}/ +\\(the TV guide`));
      const page = await request(`${serve.url}/`);
      assert.equal(page.statusCode, 200);
      assert.match(await page.body.text(), /<title>RetroVue — TV Guide<\/title>/);
      const listing = (await (await request(`${serve.url}/guide.json?hours=1`)).body.json()) as GuideJson;
      assert.deepEqual(listing.channels.map((c) => c.id), ['toons', 'sitcoms', 'movies']);
      for (const c of listing.channels) assert.ok(c.programmes.some((p) => p.start_ms <= listing.now_ms && listing.now_ms < p.stop_ms), `${c.id} has something on now`);
      const viewer = await tuneIn(`${serve.url}/channel/toons.ts`);
      assert.equal(viewer.status, 200);
      await viewer.waitFor(188 * 600);
      const file = join(home, 'demo-tuned.ts');
      writeFileSync(file, viewer.bytes());
      const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'json', file], { encoding: 'utf8' })) as { streams: Array<{ codec_name: string }> };
      assert.deepEqual(probe.streams.map((st) => st.codec_name).sort(), ['aac', 'h264']);
      // B-10: the demo channels' logos are served.
      const logo = await request(`${serve.url}/channel/toons/logo`);
      assert.equal(logo.statusCode, 200);
      assert.equal(logo.headers['content-type'], 'image/png');
      assert.ok(Buffer.from(await logo.body.arrayBuffer()).subarray(1, 4).toString() === 'PNG');
      assert.match((await (await request(`${serve.url}/playlist.m3u`)).body.text()), new RegExp(`tvg-logo="${serve.url}/channel/toons/logo"`));
      const guide = await cliProcess(['epg', 'show', '--channel', 'toons', '--json'], binaryEnv(fx, home));
      assert.equal(guide.exitCode, 0, `another command while the demo serves: ${guide.stderr}`);
      const running = serve.children().filter((p) => p.command === 'ffmpeg' || p.command === 'node');
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.deepEqual(await survivors(running.map((p) => p.pid), 10_000), []);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  // Which ffmpeg outlives a killed parent is the process tree's concern, not the database's: one dialect proves it.
  test('B-5: SIGKILLed while it makes the demo media, it leaves no ffmpeg running', onOneDatabase(fx), async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'retrovue-demo-killed-'));
    try {
      await withBinaryDatabase(fx, fresh, async () => undefined);
      const ffmpeg = await killBinaryWhileFfmpegRuns(['demo', '--no-serve'], binaryEnv(fx, fresh), fresh);
      // The longest file is made first (150 s of video, seconds of work): only the kernel ends it this soon.
      assert.deepEqual(await survivors(ffmpeg, 2000), [], 'ffmpeg outlived the killed retrovue demo');
      assert.deepEqual(processesMentioning('ffmpeg', fresh), []);
    } finally {
      for (const pid of processesMentioning('ffmpeg', fresh)) process.kill(pid, 'SIGKILL');
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  test('B-10: each demo channel gets a PNG logo made by ffmpeg; one an operator set is kept on a rerun', onOneDatabase(fx), async () => {
    assert.equal((await cli(['demo', 'network', '--no-serve'], { database: fx.database, env })).exitCode, 0);
    const logos = await fx.database.db.selectFrom('channel_logo').select(['channel_id', 'content_type']).orderBy('channel_id').execute();
    assert.deepEqual(logos, [{ channel_id: 'movies', content_type: 'image/png' }, { channel_id: 'sitcoms', content_type: 'image/png' }, { channel_id: 'toons', content_type: 'image/png' }]);
    const svg = join(home, 'own.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    assert.equal((await cli(['channel', 'update', 'toons', '--logo', svg], { database: fx.database, env })).exitCode, 0);
    assert.equal((await cli(['demo', 'network', '--no-serve'], { database: fx.database, env })).exitCode, 0);
    const kept = await fx.database.db.selectFrom('channel_logo').select('content_type').where('channel_id', '=', 'toons').executeTakeFirstOrThrow();
    assert.equal(kept.content_type, 'image/svg+xml');
  });

  test('B-30: the served demo is an HDHomeRun tuner of --tuners tuners whose lineup lists toons, sitcoms and movies by number with their logos, and /auto/v2 plays', { skip: fx.dialect !== testDialects()[0] }, async () => {
    await withBinaryDatabase(fx, home, async () => undefined);
    const serve = await startServe(['--port', '0', '--tuners', '2'], binaryEnv(fx, home), 180_000, ['demo']);
    try {
      const discover = JSON.parse(await (await request(`${serve.url}/discover.json`)).body.text()) as Record<string, unknown>;
      assert.equal(discover['TunerCount'], 2);
      assert.equal(discover['ModelNumber'], 'HDTC-2US');
      const lineup = JSON.parse(await (await request(`${serve.url}/lineup.json`)).body.text()) as Array<Record<string, string>>;
      assert.deepEqual(lineup.map((e) => [e['GuideNumber'], e['GuideName'], e['URL'], e['ImageURL']]), [
        ['2', 'Toon Time', `${serve.url}/auto/v2`, `${serve.url}/channel/toons/logo`],
        ['3', 'Sitcom Central', `${serve.url}/auto/v3`, `${serve.url}/channel/sitcoms/logo`],
        ['4', 'Movie Palace', `${serve.url}/auto/v4`, `${serve.url}/channel/movies/logo`],
      ]);
      const viewer = await tuneIn(`${serve.url}/auto/v2?transcode=heavy`);
      assert.equal(viewer.status, 200);
      await viewer.waitFor(188 * 200);
      viewer.close();
    } finally {
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
    }
  });
});

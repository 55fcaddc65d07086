// CLI contract tests for `retrovue runtime serve` (contracts/runtime/serve.yaml): the built binary,
// real HTTP (undici), the real engine and ffmpeg.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { execa } from 'execa';
import type { Kysely } from 'kysely';
import { request } from 'undici';
import { binaryEnv, binaryOk, withBinaryDatabase } from '../../support/media-fixtures.js';
import { survivors } from '../../support/processes.js';
import { serveFails, startServe } from '../../support/runtime-binary.js';
import { blockClip, seedPlayableNetwork } from '../../support/runtime-network.js';
import { tuneIn, until } from '../../support/runtime.js';
import { forEachDatabase, testDialects } from '../../support/test-databases.js';
import { channelsDvr, jellyfin, plex } from '../../support/hdhomerun-clients.js';
import { discoverOnLoopback, libhdhomerunAccepts } from '../../support/libhdhomerun.js';
import { statFile } from '../../../src/catalog/playable-file.js';
import type { Schema } from '../../../src/db/schema.js';
import { advanceHorizons, defaultHorizon } from '../../../src/scheduling/horizon/horizon.js';

const homes: string[] = [];
after(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/**
 * A schedule gap: the channel's playlog is built for today up to now and then deleted from what is on air
 * on (its programming day started two hours ago, so earlier events stay). The server's horizon cannot
 * close it (tomorrow would not continue the playlog), so nothing is on air now.
 */
async function cutPlaylog(db: Kysely<Schema>, channelId: string, nowMs: number): Promise<void> {
  const dayStart = new Date(nowMs - 2 * 3_600_000).toISOString().slice(11, 13);
  await db.updateTable('channel').set({ programming_day_start: `${dayStart}:00` }).where('id', '=', channelId).execute();
  await advanceHorizons(db, { ...defaultHorizon, nowMs, channelIds: [channelId] });
  await db.deleteFrom('playlog_event').where('channel_id', '=', channelId).where('end_ms', '>', nowMs - 1000).execute();
}

/** A tune-in's status and JSON body; a stream (200) is hung up on at once, its body left empty. */
async function tuneStatus(url: string): Promise<{ status: number; body: string }> {
  const response = await request(url);
  if (String(response.headers['content-type']).startsWith('video/')) {
    response.body.destroy();
    return { status: response.statusCode, body: '' };
  }
  return { status: response.statusCode, body: await response.body.text() };
}

function newHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'retrovue-serve-'));
  homes.push(home);
  return home;
}

async function text(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await request(url);
  return { status: response.statusCode, type: String(response.headers['content-type']), body: await response.body.text() };
}

forEachDatabase((fx) => {
  test('B-1, B-3, B-4: serves every route and streams H.264 + AAC; 404/503/500 start nothing; SIGTERM closes everything, prints the summary, exits 0, no child left', async () => {
    const home = newHome();
    const broken = join(home, 'broken.mp4');
    const clip = await blockClip();
    copyFileSync(clip, broken);
    await withBinaryDatabase(fx, home, async (database) => {
      await seedPlayableNetwork(database.db, [{ id: 'retro1', clip }, { id: 'quiet', clip }, { id: 'broken', clip: broken }]);
      await cutPlaylog(database.db, 'quiet', Date.now());
    });
    const serve = await startServe(['--port', '0', '--json', '--linger-seconds', '0'], binaryEnv(fx, home));
    try {
      assert.match(serve.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(serve.stderr(), new RegExp(`playlist ${serve.url}/playlist\\.m3u, guide ${serve.url}/epg\\.xml`));
      const channels = await text(`${serve.url}/channels`);
      assert.deepEqual(JSON.parse(channels.body), { channels: [{ id: 'retro1', name: 'Channel retro1' }, { id: 'quiet', name: 'Channel quiet' }, { id: 'broken', name: 'Channel broken' }] });
      const playlist = await text(`${serve.url}/playlist.m3u?whatever=1`);
      assert.equal(playlist.status, 200);
      assert.ok(playlist.body.startsWith(`#EXTM3U url-tvg="${serve.url}/epg.xml"`), playlist.body);
      assert.ok(playlist.body.includes(`\n${serve.url}/channel/retro1.ts\n`), playlist.body);
      assert.deepEqual(JSON.parse((await text(`${serve.url}/healthz`)).body), { ok: true });
      // The horizon runs as the server starts: wait for the guide and the playlog it builds.
      let guide = '';
      await until(() => guide.includes('<programme'), 'the guide shows programmes', 60_000, async () => {
        guide = (await text(`${serve.url}/epg.xml`)).body;
      });
      assert.match(guide, /<channel id="retro1">/);
      assert.match(guide, /<title>Feature on retro1<\/title>/);
      // B-4: errors before any playout: nothing started.
      rmSync(broken);
      for (const [path, status, code] of [['/channel/nope.ts', 404, 'unknown_channel'], ['/channel/quiet.ts', 503, 'nothing_on_air'], ['/channel/broken.ts', 500, 'invalid_asset']] as const) {
        const answer = await tuneStatus(`${serve.url}${path}`);
        assert.equal(answer.status, status, `${path}: ${answer.body}`);
        assert.equal(JSON.parse(answer.body).error.code, code, path);
      }
      assert.deepEqual(serve.children(), [], 'an error started a process');
      const viewer = await tuneIn(`${serve.url}/channel/retro1.ts`);
      assert.equal(viewer.status, 200);
      assert.equal(viewer.headers['content-type'], 'video/mp2t');
      await viewer.waitFor(188 * 800);
      const file = join(home, 'tuned.ts');
      writeFileSync(file, viewer.bytes());
      const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'json', file]);
      assert.deepEqual((JSON.parse(stdout) as { streams: Array<{ codec_name: string }> }).streams.map((st) => st.codec_name).sort(), ['aac', 'h264']);
      const status = JSON.parse((await text(`${serve.url}/status`)).body) as { channels: Array<{ id: string; state: string; viewers: number; air: { pid: number } | null }> };
      const live = status.channels.find((c) => c.id === 'retro1');
      assert.equal(live?.state, 'live');
      assert.equal(live?.viewers, 1);
      const running = serve.children();
      assert.ok(running.some((p) => p.pid === live?.air?.pid), `the engine runs under the server: ${JSON.stringify(running)}`);
      assert.ok(running.some((p) => p.command === 'ffmpeg'), `ffmpeg runs under the engine: ${JSON.stringify(running)}`);

      // B-3: SIGTERM with a viewer connected.
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
      await viewer.ended;
      const summary = JSON.parse(stopped.stdout) as Record<string, number | string>;
      assert.equal(summary['url'], serve.url);
      assert.equal(summary['channels_tuned'], 1);
      assert.ok((summary['bytes_sent'] as number) >= 188 * 800);
      assert.deepEqual(await survivors(running.map((p) => p.pid), 10_000), [], 'a process outlived the server');
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  test('B-4: the plan builder decides every status by the one playability rule: a deleted rendition with a good source plays (200, H.264 + AAC), a deleted source with a good rendition is 500, a disabled channel 404 (also one disabled while on air), a broken producer 500; HEAD agrees; no failure starts a process', async () => {
    const home = newHome();
    const clip = await blockClip();
    const orphan = join(home, 'orphan.mp4');
    copyFileSync(clip, orphan);
    const renditionOf = (id: string) => join(home, 'renditions', 'sd-480p30', `${id}.mp4`);
    await withBinaryDatabase(fx, home, async (database) => {
      const db = database.db;
      const assets = await seedPlayableNetwork(db, [{ id: 'rendered', clip }, { id: 'orphaned', clip: orphan }, { id: 'off', clip }, { id: 'jammed', clip }]);
      // Ingested as they are, each with a rendition recorded as made from that very file.
      for (const [id, file] of [['rendered', clip], ['orphaned', orphan]] as const) {
        const facts = statFile(file);
        assert.ok(!('problem' in facts));
        const assetId = assets[id] as string;
        await db.updateTable('asset').set({ size_bytes: facts.sizeBytes, mtime_ms: facts.mtimeMs }).where('id', '=', assetId).execute();
        await db.insertInto('asset_rendition').values({
          asset_id: assetId, profile: 'sd-480p30', path: renditionOf(assetId), size_bytes: facts.sizeBytes, duration_ms: 300_000, source_size_bytes: facts.sizeBytes, source_mtime_ms: facts.mtimeMs,
        }).execute();
      }
      mkdirSync(join(home, 'renditions', 'sd-480p30'), { recursive: true });
      // The orphan's rendition is on disk and its source deleted; the rendition of 'rendered' is gone.
      copyFileSync(clip, renditionOf(assets['orphaned'] as string));
      rmSync(orphan);
      await db.updateTable('channel').set({ enabled: false }).where('id', '=', 'off').execute();
      await db.insertInto('producer').values({ id: 'jam', type: 'no-such-producer', config: JSON.stringify({}) }).execute();
      await db.updateTable('channel').set({ producer_id: 'jam' }).where('id', '=', 'jammed').execute();
    });
    const serve = await startServe(['--port', '0', '--json', '--linger-seconds', '0'], binaryEnv(fx, home));
    try {
      let guide = '';
      await until(() => guide.includes('<programme'), 'the horizon has built the playlog', 60_000, async () => {
        guide = (await text(`${serve.url}/epg.xml`)).body;
      });
      const head = await request(`${serve.url}/channel/rendered.ts`, { method: 'HEAD' });
      assert.equal(head.statusCode, 200, 'the source plays in place of its deleted rendition');
      for (const [path, status, code] of [
        ['/channel/orphaned.ts', 500, 'invalid_asset'], ['/channel/off.ts', 404, 'unknown_channel'], ['/channel/jammed.ts', 500, 'schedule_error'],
      ] as const) {
        const answer = await tuneStatus(`${serve.url}${path}`);
        assert.equal(answer.status, status, `${path}: ${answer.body}`);
        assert.equal(JSON.parse(answer.body).error.code, code, path);
        assert.equal((await request(`${serve.url}${path}`, { method: 'HEAD' })).statusCode, status, `HEAD ${path}`);
      }
      assert.match(JSON.parse((await tuneStatus(`${serve.url}/channel/orphaned.ts`)).body).error.message, /cannot play: file not found: .*orphan\.mp4/);
      assert.deepEqual(serve.children(), [], 'a failed tune-in started a process');
      const viewer = await tuneIn(`${serve.url}/channel/rendered.ts`);
      assert.equal(viewer.status, 200);
      await viewer.waitFor(188 * 800);
      const file = join(home, 'rendered.ts');
      writeFileSync(file, viewer.bytes());
      // Disabled while its engine runs: a new tune-in is answered as channel plan now decides, not by the running stream.
      await binaryOk(['channel', 'update', 'rendered', '--no-enabled'], binaryEnv(fx, home));
      assert.equal((await tuneStatus(`${serve.url}/channel/rendered.ts`)).status, 404, 'a channel disabled while on air');
      assert.equal((await request(`${serve.url}/channel/rendered.ts`, { method: 'HEAD' })).statusCode, 404, 'HEAD on a channel disabled while on air');
      viewer.close();
      const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'json', file]);
      assert.deepEqual((JSON.parse(stdout) as { streams: Array<{ codec_name: string }> }).streams.map((st) => st.codec_name).sort(), ['aac', 'h264']);
    } finally {
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
    }
  });

  test('B-2: binds 127.0.0.1 by default, and an address in use exits 1 with one line naming it', async () => {
    const home = newHome();
    await withBinaryDatabase(fx, home, async () => undefined);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const failed = await serveFails(['--port', String(port)], binaryEnv(fx, home));
      assert.equal(failed.code, 1, failed.stderr);
      assert.equal(failed.stderr, `retrovue: error: 127.0.0.1:${port} is already in use; stop what listens there or pass --port\n`);
    } finally {
      taken.close();
    }
  });

  // HDHomeRun tuner emulation (B-30…B-33). The HTTP behaviour does not depend on the database: these run on
  // the first one only (the identity's persistence, D-30, runs on both in serve.data.test.ts).
  const once = fx.dialect === testDialects()[0];
  type StatusDoc = { channels: Array<{ id: string; state: string; viewers: number; air: { pid: number } | null }> };
  const statusOf = async (url: string) => JSON.parse((await text(`${url}/status`)).body) as StatusDoc;
  /** Playout engines under the server (each an AIR node process). */
  const engines = (serve: { children(): Array<{ command: string }> }) => serve.children().filter((p) => p.command === 'node').length;
  /** Once the server's first horizon run has built the channel's playlog. */
  async function onAir(url: string, channelId: string): Promise<void> {
    let status = 0;
    await until(() => status === 200, `${channelId} is on air`, 60_000, async () => {
      status = (await request(`${url}/channel/${channelId}.ts`, { method: 'HEAD' })).statusCode;
    });
  }
  async function served(ids: readonly string[], argv: readonly string[], env: Record<string, string> = {}) {
    const home = newHome();
    const clip = await blockClip();
    await withBinaryDatabase(fx, home, async (database) => {
      await seedPlayableNetwork(database.db, ids.map((id) => ({ id, clip })));
      if (ids.includes('quiet')) await cutPlaylog(database.db, 'quiet', Date.now());
    });
    const serve = await startServe(['--port', '0', '--json', ...argv], { ...binaryEnv(fx, home), ...env });
    await onAir(serve.url, ids[0] as string);
    return serve;
  }

  test('B-30, B-31: the request sequences of Jellyfin, Plex and Channels DVR against a served network; /auto/v<n>?transcode=… is the one engine of /channel/{id}.ts; a number no channel has is 404 and a gap 503, starting nothing', { skip: !once }, async () => {
    const serve = await served(['retro1', 'retro2', 'quiet'], ['--linger-seconds', '0', '--tuners', '3']);
    const url = serve.url;
    try {
      const jf = await jellyfin(url, '1');
      assert.deepEqual(jf.log, ['GET /discover.json -> 200', 'GET /lineup.json -> 200', 'GET /auto/v1?transcode=heavy -> 200']);
      assert.deepEqual(Object.keys(jf.discover).sort(), ['BaseURL', 'DeviceAuth', 'DeviceID', 'FirmwareName', 'FirmwareVersion', 'FriendlyName', 'LineupURL', 'Manufacturer', 'ModelNumber', 'TunerCount']);
      assert.equal(jf.discover['ModelNumber'], 'HDTC-2US');
      assert.equal(jf.discover['BaseURL'], url);
      assert.equal(jf.discover['LineupURL'], `${url}/lineup.json`);
      assert.equal(jf.discover['TunerCount'], 3);
      assert.ok(libhdhomerunAccepts(String(jf.discover['DeviceID'])), `libhdhomerun rejects DeviceID ${String(jf.discover['DeviceID'])}`);
      assert.deepEqual(jf.lineup, [1, 2, 3].map((n) => ({ GuideNumber: String(n), GuideName: `Channel ${['retro1', 'retro2', 'quiet'][n - 1]}`, VideoCodec: 'H264', AudioCodec: 'AAC', URL: `${url}/auto/v${n}` })));
      assert.equal(jf.stream.headers['content-type'], 'video/mp2t');
      // A plain TS viewer of the same channel shares Jellyfin's engine.
      const plain = await tuneIn(`${url}/channel/retro1.ts`);
      await Promise.all([jf.stream.waitFor(188 * 800), plain.waitFor(188 * 100)]);
      const retro1 = (await statusOf(url)).channels.find((c) => c.id === 'retro1');
      assert.equal(retro1?.viewers, 2);
      assert.equal(engines(serve), 1, JSON.stringify(serve.children()));
      const tsFile = join(newHome(), 'auto.ts');
      writeFileSync(tsFile, jf.stream.bytes());
      const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'json', tsFile]);
      assert.deepEqual((JSON.parse(stdout) as { streams: Array<{ codec_name: string }> }).streams.map((st) => st.codec_name).sort(), ['aac', 'h264']);
      jf.stream.close();
      plain.close();

      const px = await plex(url, '2');
      assert.deepEqual(px.log, [
        'GET /discover.json -> 200', 'GET /lineup_status.json -> 200', 'POST /lineup.post?scan=start&source=Cable -> 200', 'GET /lineup_status.json -> 200',
        'GET /lineup.json?tuning -> 200', 'GET /device.xml -> 200', 'GET /auto/v2 -> 200',
      ]);
      assert.match(px.deviceXml ?? '', /<deviceType>urn:schemas-upnp-org:device:MediaServer:1<\/deviceType>/);
      assert.match(px.deviceXml ?? '', /<UDN>uuid:[0-9a-f-]{36}<\/UDN>/);
      assert.ok(px.deviceXml?.includes(`<URLBase>${url}</URLBase>`), px.deviceXml);
      await px.stream.waitFor(188 * 100);
      px.stream.close();

      const cd = await channelsDvr(url, '1');
      assert.deepEqual(cd.log, ['GET /discover.json -> 200', 'GET /lineup_status.json -> 200', 'GET /lineup.json -> 200', 'GET /auto/v1?transcode=mobile&duration=3600 -> 200']);
      await cd.stream.waitFor(188 * 100);
      cd.stream.close();

      // URLs follow the Host the client used, as /playlist.m3u's do.
      const viaName = JSON.parse(await (await request(`${url}/lineup.json`, { headers: { host: 'tuner.lan:8000' } })).body.text()) as Array<{ URL: string }>;
      assert.equal(viaName[0]?.URL, 'http://tuner.lan:8000/auto/v1');
      // lineup.post takes POST and scan=start|abort only.
      assert.equal((await request(`${url}/lineup.post?scan=abort`, { method: 'POST' })).statusCode, 200);
      assert.equal((await request(`${url}/lineup.post?scan=sideways`, { method: 'POST' })).statusCode, 400);
      assert.equal((await request(`${url}/lineup.post?scan=start`)).statusCode, 405);
      assert.equal((await request(`${url}/channels`, { method: 'POST' })).statusCode, 405);

      await until(() => engines(serve) === 0, 'every engine stopped', 30_000);
      for (const [path, status, code] of [['/auto/v9', 404, 'unknown_channel'], ['/auto/v3?transcode=heavy', 503, 'nothing_on_air']] as const) {
        const answer = await tuneStatus(`${url}${path}`);
        assert.equal(answer.status, status, `${path}: ${answer.body}`);
        assert.equal(JSON.parse(answer.body).error.code, code, path);
        assert.equal((await request(`${url}${path}`, { method: 'HEAD' })).statusCode, status, `HEAD ${path}`);
      }
      assert.deepEqual(serve.children(), [], 'a refused tune-in started a process');
    } finally {
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
    }
  });

  test('B-32: with --tuners 1 a second channel answers 503 with X-HDHomeRun-Error 805 on every route and starts nothing; a viewer of the playing channel is never refused; a lingering channel gives its tuner up', { skip: !once }, async () => {
    const serve = await served(['retro1', 'retro2'], ['--linger-seconds', '60', '--tuners', '1']);
    const url = serve.url;
    try {
      await onAir(url, 'retro2');
      const first = await tuneIn(`${url}/auto/v1`);
      assert.equal(first.status, 200);
      await first.waitFor(188 * 100);
      const running = serve.children();
      for (const method of ['GET', 'HEAD'] as const) {
        for (const path of ['/auto/v2', '/auto/v2?transcode=heavy', '/channel/retro2.ts']) {
          const answer = await request(`${url}${path}`, { method });
          if (String(answer.headers['content-type']).startsWith('video/')) answer.body.destroy();
          const body = answer.body.destroyed ? '(a stream)' : await answer.body.text();
          assert.equal(answer.statusCode, 503, `${method} ${path}: ${body}`);
          assert.equal(answer.headers['x-hdhomerun-error'], '805', `${method} ${path}`);
          if (method === 'GET') assert.equal(JSON.parse(body).error.code, 'all_tuners_in_use');
        }
      }
      assert.deepEqual(serve.children().map((p) => p.pid).sort(), running.map((p) => p.pid).sort(), 'a refused tune-in started a process');
      assert.equal(engines(serve), 1);
      assert.equal((await statusOf(url)).channels.find((c) => c.id === 'retro2'), undefined);
      // Joining the channel that plays: never refused.
      const second = await tuneIn(`${url}/channel/retro1.ts`);
      assert.equal(second.status, 200);
      await second.waitFor(188 * 100);
      first.close();
      second.close();
      let state = '';
      await until(() => state === 'lingering', 'retro1 lingers', 30_000, async () => {
        state = (await statusOf(url)).channels.find((c) => c.id === 'retro1')?.state ?? '';
      });
      // The lingering channel's tuner goes to the new one: its engine stops, one engine still.
      const third = await tuneIn(`${url}/auto/v2`);
      assert.equal(third.status, 200);
      await third.waitFor(188 * 100);
      const channels = (await statusOf(url)).channels;
      assert.equal(channels.find((c) => c.id === 'retro1')?.state ?? 'idle', 'idle');
      assert.equal(channels.find((c) => c.id === 'retro2')?.state, 'live');
      await until(() => engines(serve) === 1, 'one engine', 10_000);
      third.close();
    } finally {
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
    }
  });

  test('B-33, B-32: with --hdhomerun-discovery libhdhomerun finds the tuner by unicast to 127.0.0.1 (custom_v2 and _v3: id, tuner count, BaseURL, LineupURL, DeviceAuth); without the flag it finds nothing; without --tuners the count is measured and reported', { skip: !once }, async () => {
    const serve = await served(['retro1'], ['--linger-seconds', '0', '--tuners', '2', '--hdhomerun-discovery']);
    try {
      const discover = JSON.parse((await text(`${serve.url}/discover.json`)).body) as Record<string, string | number>;
      const found = await discoverOnLoopback();
      assert.deepEqual(found, [
        { api: 'v2', deviceId: discover['DeviceID'], tunerCount: 2, baseUrl: serve.url, deviceAuth: discover['DeviceAuth'], lineupUrl: undefined },
        { api: 'v3', deviceId: discover['DeviceID'], tunerCount: 2, baseUrl: serve.url, deviceAuth: discover['DeviceAuth'], lineupUrl: `${serve.url}/lineup.json` },
      ]);
    } finally {
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
    }
    // Without the flag nothing answers; and without --tuners the count is measured once listening.
    const quiet = await served(['retro1'], ['--linger-seconds', '0'], { RETROVUE_LOG_LEVEL: 'info' });
    try {
      assert.deepEqual(await discoverOnLoopback(), [], 'found without --hdhomerun-discovery');
      let measured: number | undefined;
      await until(() => measured !== undefined, 'the tuner count is measured', 60_000, async () => {
        const line = quiet.stderr().split('\n').find((l) => l.includes('tuner count measured'));
        measured = line === undefined ? undefined : (JSON.parse(line) as { tuners: number }).tuners;
      });
      assert.ok(Number.isInteger(measured) && (measured ?? 0) >= 1, String(measured));
      assert.equal(JSON.parse((await text(`${quiet.url}/discover.json`)).body).TunerCount, measured);
    } finally {
      await quiet.stop('SIGTERM');
    }
  });
});

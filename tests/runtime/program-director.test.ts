// Issue 10 items 1–2 and 6, over real HTTP (undici) with the real engine and ffmpeg: tune in and get
// H.264 + AAC from the right offset; viewers share one engine; the last one out leaves no process; 404 /
// 500 / 503 start nothing; HEAD never starts playout; a killed engine is restarted while a viewer stays;
// a stalled viewer is dropped while another keeps receiving.
import { CHECKED_PLAN_FRESH_MS } from '../../src/runtime/tune-checks.js';
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { scratchDir } from '../support/air-engine.js';
import { survivors } from '../support/processes.js';
import { fixedDirectory, loopingPlan, testProfile, planSources, playoutProcesses, startDirector, tuneIn, until, type TestDirector, type Viewer } from '../support/runtime.js';
import { analyseTs, lumaFrames, meanLuma } from '../support/ts-analysis.js';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { AsRunLog } from '../../src/runtime/asrun-log.js';
import { execa } from 'execa';

let media: AirMedia;
const scratch = scratchDir();
let anchorMs = 0;
const RAMP_MS = 3003;

before(async () => {
  media = await airMedia();
  anchorMs = systemClock.now();
});

const open: Array<TestDirector | Viewer> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await ('director' in thing ? thing.close() : thing.close());
  assert.deepEqual(await survivors(playoutProcesses().map((p) => p.pid), 10_000), [], 'a test left a playout process behind');
});
after(() => scratch.cleanup());

function director(extra: Parameters<typeof startDirector>[0]): Promise<TestDirector> {
  return startDirector(extra).then((d) => (open.push(d), d));
}

function viewer(url: string, options?: { read?: boolean }): Promise<Viewer> {
  return tuneIn(url, options).then((v) => (open.push(v), v));
}

const sources = () =>
  planSources({
    ramp: (at) => loopingPlan('ramp', media.clip('ramp'), RAMP_MS, anchorMs, at),
    busy: (at) => loopingPlan('busy', media.clip('h264Mp4'), 3000, anchorMs, at),
    // A high bit rate fills a stalled viewer's socket buffers (megabytes on loopback) in seconds.
    heavy: (at) => ({ ...loopingPlan('heavy', media.clip('h264Mp4'), 3000, anchorMs, at), profile: { ...testProfile, width: 640, height: 480, videoBitrateKbps: 6000 } }),
    gap: (at) => ({ kind: 'gap', message: `nothing on air at ${new Date(at).toISOString()}`, nextStartMs: at + 3_600_000 }),
    missing: (at) => loopingPlan('missing', join(scratch.dir, 'gone.mp4'), 60_000, anchorMs, at),
  });

const channels = fixedDirectory(['ramp', 'busy', 'heavy', 'gap', 'missing', 'broken']);

async function probeStreams(file: string): Promise<Array<{ codec_type: string; codec_name: string }>> {
  const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', file]);
  return (JSON.parse(stdout) as { streams: Array<{ codec_type: string; codec_name: string }> }).streams;
}

describe('runtime: ProgramDirector over HTTP', () => {
  it('tunes in: a live MPEG-TS with H.264 + AAC that starts at the offset on air now', async () => {
    const d = await director({ directory: channels, planSource: sources() });
    const tunedAt = systemClock.now();
    const v = await viewer(`${d.url}/channel/ramp.ts?X-Plex-Token=abc&foo=1`);
    assert.equal(v.status, 200);
    assert.equal(v.headers['content-type'], 'video/mp2t');
    await v.waitFor(188 * 1500);
    const file = join(scratch.dir, 'tuned.ts');
    writeFileSync(file, v.bytes());
    const streams = await probeStreams(file);
    assert.deepEqual(streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort(), ['audio:aac', 'video:h264']);
    const report = analyseTs(v.bytes());
    assert.equal(report.misaligned, 0);
    assert.deepEqual(report.ccErrors, []);
    // The ramp's picture says which frame it is (luma 16 + 2·frame): the first frame is the one on air at tune-in.
    const [first] = await lumaFrames(file, { width: 64, height: 48 }, { frames: 1 });
    assert.ok(first);
    const shown = (meanLuma(first, 64, { x: 16, y: 12, w: 32, h: 24 }) - 16) / 2;
    const expected = (((tunedAt - anchorMs) % RAMP_MS) * 30) / 1001;
    // The plan is built a moment after the request was sent: allow for that (and a loaded machine).
    assert.ok(shown >= expected - 1 && shown <= expected + 30, `first frame shows ramp frame ${shown.toFixed(1)}; on air at tune-in: ${expected.toFixed(1)}`);
  });

  it('two viewers share one engine, with identical bytes from the join point, and the last one out leaves no process', async () => {
    const d = await director({ directory: channels, planSource: sources() });
    const first = await viewer(`${d.url}/channel/busy.ts`);
    await first.waitFor(188 * 1000);
    const second = await viewer(`${d.url}/channel/busy.ts`);
    await second.waitFor(188 * 1500);
    const channel = d.director.status().channels.find((c) => c.id === 'busy');
    assert.equal(channel?.viewers, 2);
    const engines = playoutProcesses().filter((p) => p.command !== 'ffmpeg');
    assert.equal(engines.length, 1, `one engine for two viewers; running: ${JSON.stringify(playoutProcesses())}`);
    // The joiner starts with a PAT, and from there on receives exactly what the first viewer receives.
    const late = second.bytes();
    assert.equal(((late[1] ?? 0) & 0x1f) * 256 + (late[2] ?? 0), 0, 'the joiner starts with a PAT');
    // A join point and the live bytes after it are one contiguous stretch of the shared stream.
    await first.waitFor(first.bytes().length + 188 * 300);
    assert.ok(first.bytes().indexOf(late) >= 0, 'the joiner\'s bytes are a contiguous stretch of what the first viewer received');
    assert.deepEqual(analyseTs(late).ccErrors, [], 'the joiner sees no continuity errors');
    const pids = playoutProcesses().map((p) => p.pid);
    first.close();
    second.close();
    assert.deepEqual(await survivors(pids, 10_000), [], 'no engine or ffmpeg after the last viewer left');
    await until(() => d.director.status().channels.find((c) => c.id === 'busy')?.state === 'idle', 'the channel is idle');
  });

  it('404 unknown channel, 503 nothing on air, 500 a missing file, 400 a path that is not percent-encoded UTF-8: short JSON errors and no process started', async () => {
    const d = await director({ directory: channels, planSource: sources() });
    for (const [path, status, code] of [
      ['/channel/nope.ts', 404, 'unknown_channel'],
      ['/channel/gap.ts', 503, 'nothing_on_air'],
      ['/channel/missing.ts', 500, 'invalid_asset'],
      ['/channel/broken.ts', 404, 'unknown_channel'],
      ['/nowhere', 404, 'not_found'],
      // Not valid percent-encoded UTF-8, on every route that decodes an id: the client's error, never a 500.
      ...['/channel/%E0%A4%A.ts', '/channel/%E0%A4%A.m3u8', '/channel/%E0%A4%A/hls/1.ts', '/channel/%E0%A4%A/logo', '/auto/v%E0%A4%A', '/%C0%AF'].map((p) => [p, 400, 'invalid_input'] as const),
    ] as const) {
      const response = await request(`${d.url}${path}`);
      const body = (await response.body.json()) as { error: { code: string; message: string } };
      assert.equal(response.statusCode, status, path);
      assert.equal(body.error.code, code, path);
      assert.ok(body.error.message.length > 0 && body.error.message.length < 300, path);
      assert.deepEqual(playoutProcesses(), [], `${path} started a process`);
    }
    const missing = await request(`${d.url}/channel/missing.ts`);
    assert.match(((await missing.body.json()) as { error: { message: string } }).error.message, /file not found: .*gone\.mp4/);
    // An 8 KB id is not echoed back whole, on any route that names it.
    const long = 'x'.repeat(8000);
    for (const path of [`/channel/${long}.ts`, `/channel/${long}.m3u8`, `/channel/${long}/logo`, `/auto/v${long}`, `/${long}`]) {
      const answer = await request(`${d.url}${path}`);
      const text = await answer.body.text();
      assert.ok(answer.statusCode >= 400 && text.length <= 400, `${path.slice(0, 20)}…: ${answer.statusCode}, ${text.length} bytes`);
    }
  });

  it('HEAD answers the status and content type of a tune-in without starting playout', async () => {
    const d = await director({ directory: channels, planSource: sources() });
    for (const [path, status, type] of [
      ['/channel/ramp.ts?DeviceId=jellyfin', 200, 'video/mp2t'],
      ['/channel/gap.ts', 503, 'application/json; charset=utf-8'],
      ['/channel/missing.ts', 500, 'application/json; charset=utf-8'],
      ['/channel/nope.ts', 404, 'application/json; charset=utf-8'],
    ] as const) {
      const response = await request(`${d.url}${path}`, { method: 'HEAD' });
      await response.body.dump();
      assert.equal(response.statusCode, status, path);
      assert.equal(response.headers['content-type'], type, path);
    }
    assert.deepEqual(playoutProcesses(), []);
    assert.equal(d.director.status().channels.length, 0, 'no channel became active');
  });

  it('a burst of tune-ins of one channel shares one plan check: 30 HEADs at once cost one plan build', async () => {
    let builds = 0;
    const counted = planSources({ ramp: (at) => { builds += 1; return loopingPlan('ramp', media.clip('ramp'), RAMP_MS, anchorMs, at); } });
    // Each build takes a while (a loaded database): requests arriving meanwhile must not queue builds of their own.
    const slow: typeof counted = async (id, at) => { const answer = await counted(id, at); await new Promise((r) => setTimeout(r, 300)); return answer; };
    const d = await director({ directory: channels, planSource: slow });
    const answers = await Promise.all(Array.from({ length: 30 }, async () => {
      const response = await request(`${d.url}/channel/ramp.ts`, { method: 'HEAD' });
      await response.body.dump();
      return response.statusCode;
    }));
    assert.deepEqual([...new Set(answers)], [200]);
    assert.equal(builds, 1);
    const soon = await request(`${d.url}/channel/ramp.ts`, { method: 'HEAD' });
    await soon.body.dump();
    assert.equal(builds, 1, 'a check that passed under CHECKED_PLAN_FRESH_MS ago is shared too');
    await new Promise((resolve) => setTimeout(resolve, CHECKED_PLAN_FRESH_MS + 50));
    const again = await request(`${d.url}/channel/ramp.ts`, { method: 'HEAD' });
    await again.body.dump();
    assert.equal(builds, 2, 'a check older than CHECKED_PLAN_FRESH_MS is not shared: a later tune-in checks afresh');
    assert.deepEqual(playoutProcesses(), []);
  });

  it('a cold tune-in builds the plan once: the start uses the plan its check just built', async () => {
    let builds = 0;
    const d = await director({ directory: channels, planSource: planSources({ ramp: (at) => { builds += 1; return loopingPlan('ramp', media.clip('ramp'), RAMP_MS, anchorMs, at); } }) });
    const v = await viewer(`${d.url}/channel/ramp.ts`);
    await v.waitFor(188 * 50);
    assert.equal(builds, 1);
  });

  it('a killed engine is restarted while a viewer stays connected', async () => {
    const d = await director({ directory: channels, planSource: sources(), restartBackoff: { initialMs: 200, maxMs: 1000 } });
    const v = await viewer(`${d.url}/channel/busy.ts`);
    await v.waitFor(188 * 500);
    const before = d.director.status().channels.find((c) => c.id === 'busy')?.air?.pid;
    assert.ok(before !== undefined);
    process.kill(before, 'SIGKILL');
    await until(() => {
      const c = d.director.status().channels.find((x) => x.id === 'busy');
      return c?.restarts === 1 && c.air !== null && c.air.pid !== before;
    }, 'the engine was restarted');
    const received = v.bytes().length;
    await v.waitFor(received + 188 * 500);
    assert.equal(d.director.status().channels.find((c) => c.id === 'busy')?.viewers, 1, 'the viewer stayed connected');
  });

  it('a stalled viewer is dropped while another keeps receiving', async () => {
    const d = await director({ directory: channels, planSource: sources(), maxViewerBufferBytes: 64 * 1024 });
    const reader = await viewer(`${d.url}/channel/heavy.ts`);
    // A viewer that asks for the stream and never reads a byte of it.
    const stalled = connect(Number(new URL(d.url).port), '127.0.0.1', () => {
      stalled.write('GET /channel/heavy.ts HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      stalled.pause();
    });
    await until(() => (d.director.status().channels.find((c) => c.id === 'heavy')?.viewers_dropped ?? 0) === 1, 'the stalled viewer was dropped', 60_000);
    const received = reader.bytes().length;
    await reader.waitFor(received + 188 * 300);
    assert.equal(d.director.status().channels.find((c) => c.id === 'heavy')?.viewers, 1);
    stalled.destroy();
  });

  it('extensions are fed before the plan runs out: the stream plays on past the first plan, and every segment is in the as-run log', async () => {
    const asRunDir = join(scratch.dir, 'asrun');
    const asRun = new AsRunLog({ dir: asRunDir, db: null, log: createLogger({ level: 'silent' }) });
    // Each plan covers only 10 s (well past AIR's 6.5 s start burst, as every real plan does: they span hours):
    // without extensions the engine would run dry and show slate.
    const short = planSources({ busy: (at) => loopingPlan('busy', media.clip('h264Mp4'), 3000, anchorMs, at, 10_000) });
    const d = await director({ directory: channels, planSource: short, asRun, extendAheadMs: 5000, extendCheckMs: 250 });
    const tunedAt = systemClock.now();
    const v = await viewer(`${d.url}/channel/busy.ts`);
    await until(() => systemClock.now() - tunedAt > 16_000, 'the stream has run 16 s', 40_000);
    assert.ok(v.bytes().length > 188 * 1000, 'the viewer kept receiving');
    v.close();
    await until(() => d.director.status().channels.find((c) => c.id === 'busy')?.state === 'idle', 'playout stopped');
    const day = new Date(tunedAt).toISOString().slice(0, 10);
    const lines = readFileSync(join(asRunDir, 'busy', `${day}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { actual_start_ms: number; end_ms: number; status: string; title: string });
    const late = lines.filter((l) => l.actual_start_ms > tunedAt + 11_000);
    assert.ok(late.length >= 1, `segments past the first plan's 10 s: ${JSON.stringify(lines)}`);
    assert.ok(lines.filter((l) => l.status === 'aired').length >= 2, JSON.stringify(lines));
    assert.ok(lines.every((l) => l.title.startsWith('clip ')), 'only planned segments, no slate gaps');
    assert.equal(lines.at(-1)?.status, 'truncated');
    lines.slice(1).forEach((l, i) => assert.ok(Math.abs(l.actual_start_ms - (lines[i]?.end_ms ?? 0)) < 200, `segment ${i + 1} starts where the one before ended: ${JSON.stringify(lines)}`));
  });

  it('HLS segments sent count in /status bytes_sent as TS bytes do: an HLS-only channel did not report 0 bytes', async () => {
    const d = await director({ directory: channels, planSource: sources() });
    const playlist = await request(`${d.url}/channel/ramp.m3u8`);
    const text = await playlist.body.text();
    assert.equal(playlist.statusCode, 200, text);
    const uri = /^ramp\/hls\/\d+\.ts$/m.exec(text)?.[0];
    assert.ok(uri, text);
    const segment = await request(`${d.url}/channel/${uri}`);
    const bytes = (await segment.body.arrayBuffer()).byteLength;
    assert.equal(segment.statusCode, 200);
    await request(`${d.url}/channel/${uri}`, { method: 'HEAD' }).then((r) => r.body.dump());
    const status = (await (await request(`${d.url}/status`)).body.json()) as { channels: Array<{ id: string; bytes_sent: number }> };
    assert.equal(status.channels.find((c) => c.id === 'ramp')?.bytes_sent, bytes, 'one segment GET (a HEAD sends no body)');
  });

  it('/channels, /status and /healthz answer JSON', async () => {
    const d = await director({ directory: channels, planSource: sources() });
    const list = await request(`${d.url}/channels?junk=1`);
    assert.deepEqual(await list.body.json(), { channels: ['ramp', 'busy', 'heavy', 'gap', 'missing', 'broken'].map((id) => ({ id, name: `Channel ${id}` })) });
    const health = await request(`${d.url}/healthz`);
    assert.deepEqual(await health.body.json(), { ok: true });
    const status = (await (await request(`${d.url}/status`)).body.json()) as { channels: unknown[]; viewers: number };
    assert.deepEqual(status.channels, []);
    assert.equal(status.viewers, 0);
  });
});

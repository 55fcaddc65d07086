// Issue 9 item 7: a missing, unreadable or corrupt file in the middle of a plan is replaced by slate for
// exactly the time it had, reported as an event, and playout goes on — on schedule and seamless.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { asset, eventsOf, planOf, runAir, scratchDir, type AirRun } from '../support/air-engine.js';
import { analyseTs, decodeWarnings, lumaFrames, meanLuma } from '../support/ts-analysis.js';

const FPS = 30000 / 1001;
const SIZE = { width: 64, height: 48 };
// The slate is flat 0x1b2238 above its caption: luma 16 + 0.257·27 + 0.504·34 + 0.098·56 ≈ 46.
const SLATE_SKY = { x: 0, y: 0, w: 64, h: 12 };
const isSlate = (frame: Buffer): boolean => Math.abs(meanLuma(frame, SIZE.width, SLATE_SKY) - 46) <= 4;

let media: AirMedia;
let run: AirRun;
let frames: Buffer[];
const scratch = scratchDir();

before(async () => {
  media = await airMedia();
  run = await runAir((now) => planOf(now, [
    { source: asset(media.clip('h264Mp4')), durationMs: 1500 },
    { source: asset(join(media.dir, 'no such file.mp4')), durationMs: 2000 },
    { source: asset(media.clip('mpeg4Avi')), durationMs: 1500 },
    { source: asset(media.notMedia), durationMs: 1000 },
    // 6 s of which the first half survives: from 1 s in, about 2 s play, then slate for the rest.
    { source: asset(media.truncated), inPointMs: 1000, durationMs: 4000 },
    { source: asset(media.clip('h264Mp4')), durationMs: 1000 },
  ]), { dir: scratch.dir });
  frames = await lumaFrames(run.file, SIZE);
});

after(() => scratch.cleanup());

/** Output frame range [first, end) of a segment, from its events. */
function framesOf(index: number): [number, number] {
  const started = eventsOf(run.events, 'segment-started').find((e) => e.segment.index === index);
  const ended = eventsOf(run.events, 'segment-ended').find((e) => e.segment.index === index);
  assert.ok(started && ended, `segment ${index} did not start and end`);
  return [Math.round((started.streamTimeMs * FPS) / 1000), Math.round((ended.streamTimeMs * FPS) / 1000)];
}

describe('AIR: a bad file mid-plan becomes slate for exactly its time', () => {
  it('reports each bad segment as substituted, with the reason, and plays on to the end', () => {
    assert.equal(run.code, 0, run.stderr);
    const substituted = eventsOf(run.events, 'segment-substituted');
    assert.deepEqual(substituted.map((e) => e.segment.index), [1, 3, 4]);
    assert.match(substituted[0]?.reason ?? '', /file not found: .*no such file\.mp4/);
    assert.match(substituted[1]?.reason ?? '', /Invalid data|ffmpeg exited/);
    assert.match(substituted[2]?.reason ?? '', /ended \d+\.\d\d s early/);
    assert.deepEqual(eventsOf(run.events, 'segment-ended').map((e) => e.outcome), ['complete', 'substituted', 'complete', 'substituted', 'substituted', 'complete']);
    assert.equal(eventsOf(run.events, 'ended')[0]?.reason, 'plan-complete');
  });

  it('airs slate for the whole of a missing file’s time, and nothing else there', () => {
    const [first, end] = framesOf(1);
    assert.ok(Math.abs((end - first) - 2 * FPS) <= 1, `${end - first} frames of slate for 2 s`);
    for (let i = first; i < end; i++) assert.ok(isSlate(frames[i] as Buffer), `frame ${i} of the missing file's time is not slate`);
    assert.ok(!isSlate(frames[first - 1] as Buffer) && !isSlate(frames[end] as Buffer), 'slate spilled into its neighbours');
    const substitute = eventsOf(run.events, 'segment-substituted')[0];
    assert.ok(substitute && Math.abs(substitute.durationMs - 2000) <= 34);
  });

  it('fills a truncated file’s remainder with slate, so the segment still lasts its scheduled time', () => {
    const [first, end] = framesOf(4);
    assert.ok(Math.abs((end - first) - 4 * FPS) <= 1, `segment lasted ${end - first} frames`);
    const substitute = eventsOf(run.events, 'segment-substituted').find((e) => e.segment.index === 4);
    assert.ok(substitute);
    const slateFrom = Math.round((substitute.streamTimeMs * FPS) / 1000);
    assert.ok(slateFrom > first + 30 && slateFrom < end - 30, 'some of the file should have played');
    assert.ok(!isSlate(frames[first] as Buffer), 'the surviving part should play');
    for (let i = slateFrom; i < end; i++) assert.ok(isSlate(frames[i] as Buffer), `frame ${i} after the break is not slate`);
    assert.ok(Math.abs(substitute.durationMs - ((end - slateFrom) * 1000) / FPS) <= 34);
  });

  it('plays the source when its rendition is corrupt, rather than slate', async () => {
    const broken = await runAir((now) => planOf(now, [
      { source: asset(media.clip('ramp'), { rendition: { path: media.notMedia, profile: 'sd-480p30' } }), inPointMs: 1001, durationMs: 1000 },
      { source: asset(media.clip('h264Mp4')), durationMs: 500 },
    ]), { dir: scratch.dir });
    assert.equal(broken.code, 0, broken.stderr);
    assert.deepEqual(eventsOf(broken.events, 'segment-substituted'), []);
    const [first] = await lumaFrames(broken.file, { width: 64, height: 48 }, { frames: 1 });
    // The ramp's frame 30: luma 16 + 2·30.
    assert.ok(first && Math.abs(meanLuma(first, 64, { x: 16, y: 12, w: 32, h: 24 }) - 76) <= 2, 'the source did not play');
    assert.equal(await decodeWarnings(broken.file), '');
  });

  it('keeps the schedule and the stream seamless through the substitutions', async () => {
    for (const e of eventsOf(run.events, 'segment-started').slice(1)) {
      assert.ok(Math.abs(e.wallClockMs - e.scheduledAtMs) <= 34, `segment ${e.segment.index} is ${e.wallClockMs - e.scheduledAtMs} ms off`);
    }
    assert.equal(await decodeWarnings(run.file), '');
    const report = analyseTs(run.ts);
    assert.deepEqual(report.ccErrors, []);
    assert.equal(report.misaligned, 0);
  });
});

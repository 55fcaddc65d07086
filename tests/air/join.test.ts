// Issue 9 item 4 and 6: a mid-show join starts at the segment's in-point, read back from the picture of a
// clip whose luma says which frame it is (16 + 2·frame at 29.97 fps) — transcoded, and copied from a
// rendition (a join between key frames: the first piece starts on the next key frame where it airs,
// a later one transcodes up to the key frame and copies the rest, frame-exact).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { asset, eventsOf, planOf, runAir, scratchDir, type AirRun } from '../support/air-engine.js';
import { decodeWarnings, lumaFrames, meanLuma, probePackets } from '../support/ts-analysis.js';
import { defaultOutputProfile } from '../../src/plugins/playout-plan.js';

const OUTPUT_FPS = 30000 / 1001;
const SIZE = { width: 64, height: 48 };
const CENTRE = { x: 16, y: 12, w: 32, h: 24 };

let media: AirMedia;
const scratch = scratchDir();

before(async () => {
  media = await airMedia();
});
after(() => scratch.cleanup());

/** The ramp frame a picture shows (compression leaves it within ±½ frame). */
function rampFrame(frame: Buffer): number {
  return (meanLuma(frame, SIZE.width, CENTRE) - 16) / 2;
}

function assertFrame(frame: Buffer | undefined, expected: number, what: string): void {
  assert.ok(frame, `${what}: no such frame in the output`);
  const shown = rampFrame(frame);
  assert.ok(Math.abs(shown - expected) <= 0.75, `${what}: shows ramp frame ${shown.toFixed(1)}, expected ${expected}`);
}

/** The ramp frame that should air `seconds` into a segment joined at `inPointMs`. */
function expectedRampFrame(inPointMs: number, seconds: number): number {
  return Math.round((inPointMs / 1000 + seconds) * OUTPUT_FPS);
}

/** Output frame index (from the stream's first frame) of a segment's first frame. */
function firstFrameOf(run: AirRun, index: number): number {
  const e = eventsOf(run.events, 'segment-started').find((s) => s.segment.index === index);
  assert.ok(e, `segment ${index} never started`);
  const first = eventsOf(run.events, 'segment-started')[0];
  return Math.round(((e.streamTimeMs - (first?.streamTimeMs ?? 0)) * OUTPUT_FPS) / 1000);
}

describe('AIR: a mid-show join starts at the right frame', () => {
  it('transcoding: the first frame is the in-point, and a later segment starts at its own in-point', async () => {
    const run = await runAir((now) => planOf(now, [
      { source: asset(media.clip('ramp')), inPointMs: 2000, durationMs: 1000 },
      { source: asset(media.clip('ramp')), inPointMs: 1000, durationMs: 1000 },
      { source: asset(media.clip('ramp')), inPointMs: 0, durationMs: 500 },
    ]), { dir: scratch.dir });
    assert.equal(run.code, 0, run.stderr);
    const frames = await lumaFrames(run.file, SIZE);
    assertFrame(frames[0], expectedRampFrame(2000, 0), 'the first frame aired');
    for (const [index, inPointMs] of [[1, 1000], [2, 0]] as const) {
      const at = firstFrameOf(run, index);
      for (let k = 0; k < 10; k++) {
        assertFrame(frames[at + k], expectedRampFrame(inPointMs, k / OUTPUT_FPS), `segment ${index}, frame ${k}`);
      }
    }
    assert.deepEqual(eventsOf(run.events, 'segment-started').map((e) => e.modes), [['transcode'], ['transcode'], ['transcode']]);
  });

  it('copying from renditions: frame-exact joins between key frames, copy for the rest, still seamless', async () => {
    const rendition = { path: await media.rendition('ramp'), profile: defaultOutputProfile.name };
    const source = asset(media.clip('ramp'), { rendition });
    const run = await runAir((now) => planOf(now, [
      // 1500 ms is output frame 45, between key frames 30 and 60: the stream opens on frame 60, 15 frames in.
      { source, inPointMs: 1500, durationMs: 1200 },
      // 1200 ms is frame 36: frames 36–59 transcoded from the rendition, 60 onwards copied.
      { source, inPointMs: 1200, durationMs: 1500 },
      // 1001 ms is frame 30, a key frame: copied whole.
      { source, inPointMs: 1001, durationMs: 1000 },
    ]), { dir: scratch.dir });
    assert.equal(run.code, 0, run.stderr);
    const started = eventsOf(run.events, 'segment-started');
    assert.deepEqual(started.map((e) => e.modes), [['copy'], ['transcode', 'copy'], ['copy']]);
    assert.equal(started[0]?.streamTimeMs, Math.round((15 * 1001) / 30), 'the first key frame airs where its content belongs');
    const frames = await lumaFrames(run.file, SIZE);
    assertFrame(frames[0], expectedRampFrame(1500, 15 / OUTPUT_FPS), 'the first frame aired');
    const second = firstFrameOf(run, 1);
    for (let k = 0; k < 40; k++) { // across the switch from transcoded head to copy at k = 24
      assertFrame(frames[second + k], expectedRampFrame(1200, k / OUTPUT_FPS), `segment 1, frame ${k}`);
    }
    const third = firstFrameOf(run, 2);
    assertFrame(frames[third], expectedRampFrame(1001, 0), 'segment 2, frame 0');
    assert.equal(await decodeWarnings(run.file), '');
    const video = (await probePackets(run.file)).filter((p) => p.stream === 'video');
    for (let i = 1; i < video.length; i++) assert.equal((video[i]?.pts ?? 0) - (video[i - 1]?.pts ?? 0), 3003, `video hole at frame ${i}`);
  });
});

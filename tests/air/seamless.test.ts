// Issue 9 item 5: one continuous MPEG-TS across heterogeneous items — different resolutions, frame rates,
// codecs, containers and audio layouts, one without audio — with monotonic timestamps, continuous PCR and
// continuity counters, audio kept with video, and a stream ffmpeg decodes without a single warning.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { OutputProfile } from '../../src/plugins/playout-plan.js';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { asset, eventsOf, runAir, planOf, scratchDir, type AirRun } from '../support/air-engine.js';
import { analyseTs, decodeWarnings, lumaFrames, meanLuma, probePackets, type ProbedPacket } from '../support/ts-analysis.js';

const FRAME = 3003; // ticks of one 29.97 fps frame
const STREAM_START = 126_000;

let media: AirMedia;
let run: AirRun;
let packets: ProbedPacket[];
const scratch = scratchDir();

before(async () => {
  media = await airMedia();
  run = await runAir((now) => planOf(now, [
    { source: asset(media.clip('h264Mp4')), inPointMs: 500, durationMs: 2000, title: 'h264 mp4 25 fps' },
    { source: asset(media.clip('silentMkv')), durationMs: 2000, title: 'anamorphic mkv, no audio' },
    { source: asset(media.clip('h264Mkv51')), inPointMs: 1000, durationMs: 1800, title: 'mkv ac3 5.1' },
    { source: asset(media.clip('mpeg4Avi')), durationMs: 2000, title: 'mpeg4 avi mp2 mono 24 fps' },
    { source: asset(media.clip('mpeg2Ts')), inPointMs: 500, durationMs: 2000, title: 'mpeg2 ts at 10 s' },
    { source: { kind: 'synthetic', synthetic: 'color-bars' }, durationMs: 1000, title: 'bars' },
  ]), { dir: scratch.dir });
  packets = await probePackets(run.file);
});

after(() => scratch.cleanup());

describe('AIR: seamless boundaries across heterogeneous items', () => {
  it('plays every item in order, none substituted, and exits 0 after "end"', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(eventsOf(run.events, 'segment-started').map((e) => e.segment.index), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(eventsOf(run.events, 'segment-ended').map((e) => e.outcome), Array(6).fill('complete'));
    assert.deepEqual(eventsOf(run.events, 'segment-substituted'), []);
    assert.equal(eventsOf(run.events, 'ended')[0]?.reason, 'plan-complete');
  });

  it('decodes without a single ffmpeg warning', async () => {
    assert.equal(await decodeWarnings(run.file), '');
  });

  it('has whole packets, one PAT/PMT layout and no continuity-counter error or discontinuity flag on any PID', () => {
    const report = analyseTs(run.ts);
    assert.ok(report.packets > 1000, `only ${report.packets} packets`);
    assert.equal(report.misaligned, 0);
    assert.deepEqual(report.ccErrors, []);
    assert.equal(report.discontinuities, 0);
    assert.deepEqual([...report.pids].sort((a, b) => a - b), [0x0000, 0x0011, 0x0100, 0x0101, 0x1000]);
  });

  it('carries a continuous PCR: never backwards, never more than 100 ms apart', () => {
    const { pcrs } = analyseTs(run.ts);
    assert.ok(pcrs.length > 100);
    assert.ok(pcrs.every((p) => p.pid === 0x100), 'PCR rides on the video PID');
    for (let i = 1; i < pcrs.length; i++) {
      const step = (pcrs[i]?.value ?? 0) - (pcrs[i - 1]?.value ?? 0);
      assert.ok(step >= 0, `PCR goes back by ${-step / 27_000} ms at packet ${pcrs[i]?.packet}`);
      assert.ok(step <= 2_700_000, `PCR jumps ${step / 27_000} ms at packet ${pcrs[i]?.packet}`);
    }
  });

  it('has strictly rising DTS and PTS on video and on audio, video frame after frame with no hole', () => {
    for (const stream of ['video', 'audio'] as const) {
      const list = packets.filter((p) => p.stream === stream);
      assert.ok(list.length > 50, `${stream}: ${list.length} packets`);
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1] as ProbedPacket, list[i] as ProbedPacket];
        assert.ok(b.dts > a.dts && b.pts > a.pts, `${stream} timestamps not rising at packet ${i}: ${a.pts}→${b.pts}`);
      }
    }
    const video = packets.filter((p) => p.stream === 'video');
    for (let i = 1; i < video.length; i++) {
      assert.equal((video[i] as ProbedPacket).pts - (video[i - 1] as ProbedPacket).pts, FRAME, `video hole at frame ${i}`);
    }
  });

  it('keeps audio within one frame of video: gaps only at boundaries, shorter than a frame, never an overlap', () => {
    const boundaries = eventsOf(run.events, 'segment-started').slice(1).map((e) => STREAM_START + e.streamTimeMs * 90);
    const audio = packets.filter((p) => p.stream === 'audio');
    for (let i = 1; i < audio.length; i++) {
      const [a, b] = [audio[i - 1] as ProbedPacket, audio[i] as ProbedPacket];
      const gap = b.pts - (a.pts + a.duration);
      assert.ok(gap >= 0, `audio overlaps by ${-gap} ticks at ${b.pts}`);
      if (gap === 0) continue;
      assert.ok(gap < FRAME, `audio gap of ${gap} ticks at ${b.pts}`);
      assert.ok(boundaries.some((t) => Math.abs(b.pts - t) <= FRAME), `audio gap at ${b.pts} is not at a boundary`);
    }
    const video = packets.filter((p) => p.stream === 'video');
    for (const t of boundaries) {
      const firstVideo = video.find((p) => p.pts >= t - 100);
      const firstAudio = audio.find((p) => p.pts >= t - FRAME);
      assert.ok(firstVideo && Math.abs(firstVideo.pts - t) <= 90, `no video frame starts at boundary ${t}`);
      assert.ok(firstAudio && Math.abs(firstAudio.pts - firstVideo.pts) <= FRAME, `audio starts ${(firstAudio?.pts ?? 0) - firstVideo.pts} ticks from video at ${t}`);
    }
    const endOf = (list: ProbedPacket[]) => Math.max(...list.map((p) => p.pts + p.duration));
    // The last audio frame stops short of the end by less than two AAC frames (room for a next piece's priming).
    assert.ok(endOf(video) - endOf(audio) >= 0 && endOf(video) - endOf(audio) < 2 * 1920, `audio ends ${endOf(video) - endOf(audio)} ticks before video`);
  });

  it('starts each segment at its scheduled wall-clock time (on the frame grid)', () => {
    const started = eventsOf(run.events, 'segment-started');
    for (const e of started.slice(1)) {
      assert.ok(Math.abs(e.wallClockMs - e.scheduledAtMs) <= 34, `segment ${e.segment.index} airs ${e.wallClockMs - e.scheduledAtMs} ms off schedule`);
    }
    const last = run.plan.segments.at(-1);
    const ended = eventsOf(run.events, 'ended')[0];
    assert.ok(last && ended && Math.abs(ended.wallClockMs - (last.startsAtMs + last.durationMs)) <= 34, 'the stream ends when the plan does');
  });

  it('fits every picture into 640×480 keeping its aspect: a 16:9 anamorphic item is letterboxed, a 4:3 one fills the frame', async () => {
    const [anamorphic] = await lumaFrames(run.file, { width: 640, height: 480 }, { fromSeconds: startOf(1) + 1, frames: 1 });
    const [fourThree] = await lumaFrames(run.file, { width: 640, height: 480 }, { fromSeconds: startOf(0) + 0.5, frames: 1 });
    assert.ok(anamorphic && fourThree);
    // 720×480 at SAR 32:27 is 16:9: 640×360 in the middle, 60 black rows above and below.
    assert.ok(meanLuma(anamorphic, 640, { x: 0, y: 0, w: 640, h: 50 }) < 20, 'no black bar on top');
    assert.ok(meanLuma(anamorphic, 640, { x: 0, y: 430, w: 640, h: 50 }) < 20, 'no black bar below');
    assert.ok(meanLuma(anamorphic, 640, { x: 0, y: 70, w: 640, h: 60 }) > 40, 'the picture is missing');
    assert.ok(meanLuma(fourThree, 640, { x: 0, y: 0, w: 640, h: 20 }) > 40, 'a 4:3 picture should reach the top edge');
  });
});

describe('AIR: a channel profile other than the default, and a hostile file name', () => {
  it('normalises to 320×240 at 25 fps with 44.1 kHz mono audio, still seamless', async () => {
    const hostile = join(scratch.dir, "pipe:1 concat:a|b %d 'quoted' ü.mp4");
    copyFileSync(media.clip('h264Mkv51'), hostile);
    const profile: OutputProfile = { name: 'pal-small', width: 320, height: 240, frameRate: '25', audioSampleRate: 44100, audioChannels: 1, videoBitrateKbps: 600, audioBitrateKbps: 64 };
    const pal = await runAir((now) => planOf(now, [
      { source: asset(media.clip('mpeg4Avi')), durationMs: 1500 },
      { source: asset(hostile), inPointMs: 500, durationMs: 1500 },
      { source: asset(media.clip('silentMkv')), durationMs: 1000 },
    ], { profile }), { dir: scratch.dir });
    assert.equal(pal.code, 0, pal.stderr);
    assert.deepEqual(eventsOf(pal.events, 'segment-substituted'), []);
    assert.equal(await decodeWarnings(pal.file), '');
    assert.deepEqual(analyseTs(pal.ts).ccErrors, []);
    const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height,r_frame_rate,sample_rate,channels', '-of', 'compact=p=0:nk=1', pal.file]);
    // ffprobe lists the streams once under the program and once on their own.
    const streams = new Set(stdout.split('\n').map((l) => l.replace(/\|+$/, '')).filter((l) => l !== ''));
    assert.deepEqual([...streams], ['320|240|25/1', '44100|1|0/0']);
    const video = (await probePackets(pal.file)).filter((p) => p.stream === 'video');
    for (let i = 1; i < video.length; i++) assert.equal((video[i]?.pts ?? 0) - (video[i - 1]?.pts ?? 0), 3600, `video hole at frame ${i}`);
  });
});

function startOf(index: number): number {
  const e = eventsOf(run.events, 'segment-started').find((s) => s.segment.index === index);
  assert.ok(e, `segment ${index} never started`);
  return e.streamTimeMs / 1000;
}

// The HLS segmenter and window on real AIR output (three clips of different rates and containers, so two
// programme boundaries), fed through the fan-out's tap in ragged chunks as the runtime feeds it: segments
// are the stream byte for byte, each opens with PAT, PMT and a key frame (as ffprobe reads it), they last
// about 2 s (the first of a stream 1 s), a restart marks a discontinuity, and the window stays bounded.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { airMedia } from '../support/air-media.js';
import { asset, planOf, runAir, scratchDir, type AirRun } from '../support/air-engine.js';
import { isPayloadStart, isRandomAccess, pidOf } from '../../src/air/ts-packet.js';
import { HlsSegmenter, type CutSegment } from '../../src/runtime/hls-segmenter.js';
import { HlsWindow } from '../../src/runtime/hls-window.js';
import { renderPlaylist } from '../../src/runtime/hls-playlist.js';
import { StreamFanout } from '../../src/runtime/stream-fanout.js';

const scratch = scratchDir();
let run: AirRun;

before(async () => {
  const media = await airMedia();
  run = await runAir((now) => planOf(now, [
    { source: asset(media.clip('h264Mp4')), durationMs: 3000 },
    { source: asset(media.clip('mpeg4Avi')), durationMs: 3000 },
    { source: asset(media.clip('ramp')), durationMs: 3003 },
  ]), { dir: scratch.dir });
});
after(() => scratch.cleanup());

/** Feeds `ts` through a fan-out's tap in chunks of awkward sizes; returns the segments cut. */
function segment(...runs: Buffer[]): CutSegment[] {
  const cut: CutSegment[] = [];
  const segmenter = new HlsSegmenter({ segmentMs: 2000, firstSegmentMs: 1000, maxSegmentBytes: 8 << 20, onSegment: (s) => cut.push(s) });
  const fanout = new StreamFanout({ maxBufferedBytes: 1 << 20, tap: segmenter });
  for (const ts of runs) {
    fanout.restart();
    for (let at = 0, size = 1000; at < ts.length; at += size, size = 1000 + ((size * 7) % 5000)) fanout.push(ts.subarray(at, at + size));
  }
  return cut;
}

const pids = (bytes: Buffer, count: number) => Array.from({ length: count }, (_, i) => pidOf(bytes.subarray(i * 188, i * 188 + 188)));

function firstVideoStart(bytes: Buffer): Buffer | undefined {
  for (let at = 0; at < bytes.length; at += 188) {
    const p = bytes.subarray(at, at + 188);
    if (pidOf(p) === 0x100 && isPayloadStart(p)) return p;
  }
  return undefined;
}

describe('HLS segmenter on real AIR output', () => {
  it('cuts segments that are the stream byte for byte, each opening with PAT, PMT and a key frame, about 2 s long', async () => {
    assert.equal(run.code, 0, run.stderr);
    const cut = segment(run.ts);
    assert.ok(cut.length >= 4, `${cut.length} segments`);
    const whole = Buffer.concat(cut.map((s) => s.bytes));
    const from = run.ts.indexOf(whole.subarray(0, 188 * 4));
    assert.ok(from >= 0 && from <= 188 * 2, 'the first segment starts at the stream’s first PAT');
    assert.ok(whole.equals(run.ts.subarray(from, from + whole.length)), 'segments end to end are the stream');
    for (const [i, s] of cut.entries()) {
      assert.deepEqual(pids(s.bytes, 2), [0, 0x1000], `segment ${i} opens with PAT, PMT`);
      const video = firstVideoStart(s.bytes);
      assert.ok(video !== undefined && isRandomAccess(video), `segment ${i}'s first video frame is a key frame`);
      const seconds = s.durationTicks / 90_000;
      if (i === 0) assert.ok(seconds >= 0.98 && seconds < 2, `first segment ${seconds} s`);
      else assert.ok(seconds >= 1.98 && seconds < 3, `segment ${i}: ${seconds} s`);
      if (i > 0) assert.equal(s.startPts, (cut[i - 1] as CutSegment).startPts + (cut[i - 1] as CutSegment).durationTicks, 'contiguous');
      assert.equal(s.discontinuity, false);
    }
    const file = join(scratch.dir, 'segment.ts');
    writeFileSync(file, (cut[2] as CutSegment).bytes);
    const streams = await execa('ffprobe', ['-v', 'warning', '-show_entries', 'stream=codec_name', '-of', 'json', file]);
    assert.equal(streams.stderr, '');
    assert.deepEqual((JSON.parse(streams.stdout) as { streams: Array<{ codec_name: string }> }).streams.map((s) => s.codec_name).sort(), ['aac', 'h264']);
    const frames = await execa('ffprobe', ['-v', 'warning', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame,pict_type', '-read_intervals', '%+1', '-of', 'json', file]);
    const first = (JSON.parse(frames.stdout) as { frames: Array<{ key_frame: number; pict_type: string }> }).frames[0];
    assert.deepEqual([first?.key_frame, first?.pict_type], [1, 'I'], 'ffprobe: the segment starts with a key frame');
  });

  it('a new engine run drops what is open and marks its first segment a discontinuity', () => {
    const cut = segment(run.ts, run.ts);
    const marked = cut.filter((s) => s.discontinuity);
    assert.equal(marked.length, 1);
    const index = cut.indexOf(marked[0] as CutSegment);
    assert.ok(index > 0 && (marked[0] as CutSegment).startPts === (cut[0] as CutSegment).startPts, 'the new stream starts over');
    assert.ok((marked[0] as CutSegment).durationTicks < 2 * 90_000, 'a new stream’s first segment is the short one');
  });
});

describe('HLS window', () => {
  const cutOf = (discontinuity = false): CutSegment => ({ bytes: Buffer.alloc(188 * 10), startPts: 126_000, durationTicks: 180_180, discontinuity });

  it('lists the newest 6, keeps 13, numbers from the clock’s seconds, counts discontinuities that slid out', () => {
    const window = new HlsWindow({ listed: 6, kept: 13, maxBytes: 1 << 20, now: () => 1_800_000_000_500 });
    window.anchor(1_800_000_000_000);
    for (let i = 0; i < 5; i++) window.add(cutOf());
    window.restart();
    window.add(cutOf(true));
    let text = renderPlaylist('a b', window.listed());
    assert.match(text, /#EXT-X-MEDIA-SEQUENCE:1800000000\n#EXT-X-DISCONTINUITY-SEQUENCE:0\n/);
    assert.match(text, /#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:2027-01-15T08:00:00.500Z\n#EXTINF:2.002,\na%20b\/hls\/1800000005\.ts\n$/);
    assert.match(text, /^#EXT-X-PROGRAM-DATE-TIME:2027-01-15T08:00:00.000Z$/m, 'the anchor gives the first segment’s air time');
    // The restart's segment is now the oldest listed: its own tag is in the playlist, so it is not counted yet.
    for (let i = 0; i < 5; i++) window.add(cutOf());
    text = renderPlaylist('a b', window.listed());
    assert.match(text, /#EXT-X-MEDIA-SEQUENCE:1800000005\n#EXT-X-DISCONTINUITY-SEQUENCE:0\n#EXT-X-DISCONTINUITY\n/);
    for (let i = 0; i < 5; i++) window.add(cutOf());
    text = renderPlaylist('a b', window.listed());
    assert.equal(window.listed().length, 6);
    assert.equal(window.size, 13);
    assert.match(text, /#EXT-X-MEDIA-SEQUENCE:1800000010\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n/);
    assert.doesNotMatch(text, /#EXT-X-DISCONTINUITY\n/);
    assert.equal(window.segment(1_800_000_002), undefined, 'slid out of what is kept');
    assert.ok(window.segment(1_800_000_003) !== undefined, 'slid out of the playlist but still fetchable');
  });

  it('bounds its bytes', () => {
    const window = new HlsWindow({ listed: 6, kept: 13, maxBytes: 188 * 35, now: () => 0 });
    for (let i = 0; i < 8; i++) window.add(cutOf());
    assert.equal(window.size, 3);
    assert.ok(window.totalBytes <= 188 * 35);
  });
});

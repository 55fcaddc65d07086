import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { probeMedia } from '../../src/media/ffprobe.js';
import { isRetroVueError } from '../../src/core/errors.js';

const CHAPTERS = `;FFMETADATA1
[CHAPTER]
TIMEBASE=1/1000
START=0
END=1500
title=Cold Open
[CHAPTER]
TIMEBASE=1/1000
START=1500
END=4000
title=Act One
`;

let dir = '';
const at = (name: string): string => join(dir, name);

async function ffmpeg(...args: string[]): Promise<void> {
  await execa('ffmpeg', ['-v', 'error', '-y', ...args]);
}

/** Cuts a file to half its size, the way an interrupted copy leaves it. */
async function cutInHalf(path: string): Promise<void> {
  await truncate(path, Math.floor((await stat(path)).size / 2));
}

const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast'];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retrovue-ffprobe-'));
  await writeFile(at('chapters.txt'), CHAPTERS);
  const tenSeconds = ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=10',
    '-f', 'lavfi', '-i', 'sine=duration=10', ...x264, '-g', '25', '-c:a', 'aac'];
  await Promise.all([
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=4',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4',
      '-f', 'ffmetadata', '-i', at('chapters.txt'),
      '-map', '0:v', '-map', '1:a', '-map_chapters', '2', ...x264, '-c:a', 'aac', '-ac', '2', at('chapters.mp4')),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30000/1001', '-frames:v', '60', ...x264, at('silent.mkv')),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30000/1001:duration=1',
      '-vf', 'setfield=tff', '-flags', '+ildct+ilme', ...x264, '-x264opts', 'tff=1', at('interlaced.mp4')),
    ffmpeg(...tenSeconds, at('truncated.mp4')),
    ffmpeg(...tenSeconds, '-movflags', '+faststart', at('truncated-faststart.mp4')),
    ffmpeg(...tenSeconds, at('truncated.mkv')),
    writeFile(at('zero.mp4'), ''),
    writeFile(at('notes.mkv'), 'These are my notes about the tapes in the attic.\n'.repeat(20)),
  ]);
  await Promise.all(['truncated.mp4', 'truncated-faststart.mp4', 'truncated.mkv'].map((f) => cutInHalf(at(f))));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeMedia on good media', () => {
  it('reads duration, streams and chapters of an mp4', async () => {
    const outcome = await probeMedia(at('chapters.mp4'));
    assert.ok(outcome.ok, JSON.stringify(outcome));
    const { media } = outcome;
    assert.equal(media.durationMs, 4000);
    assert.equal(media.container, 'mov,mp4,m4a,3gp,3g2,mj2');
    assert.equal(media.sizeBytes, (await stat(at('chapters.mp4'))).size);
    assert.deepEqual(media.video, {
      codec: 'h264', width: 320, height: 240, frameRate: 25, frameRateFraction: '25/1', scan: 'progressive', pixelFormat: 'yuv420p',
    });
    // An untagged ("und") track has no language; an MP4's single track is its default.
    assert.deepEqual(media.audio, [{ codec: 'aac', channels: 2, sampleRate: 48000, layout: 'stereo', isDefault: true }]);
    assert.deepEqual(media.subtitles, []);
    assert.deepEqual(media.chapters, [
      { startMs: 0, endMs: 1500, title: 'Cold Open' },
      { startMs: 1500, endMs: 4000, title: 'Act One' },
    ]);
  });

  it('reads an mkv without audio at 30000/1001', async () => {
    const outcome = await probeMedia(at('silent.mkv'));
    assert.ok(outcome.ok, JSON.stringify(outcome));
    // 60 frames at 30000/1001 fps last 60 × 1001 / 30000 s = 2.002 s.
    assert.equal(outcome.media.durationMs, 2002);
    assert.equal(outcome.media.container, 'matroska,webm');
    assert.deepEqual(outcome.media.video, {
      codec: 'h264', width: 640, height: 360, frameRate: 29.97, frameRateFraction: '30000/1001', scan: 'progressive', pixelFormat: 'yuv420p',
    });
    assert.deepEqual(outcome.media.audio, []);
    assert.deepEqual(outcome.media.chapters, []);
  });

  it('reports interlaced video', async () => {
    const outcome = await probeMedia(at('interlaced.mp4'));
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.media.video?.scan, 'interlaced');
    assert.equal(outcome.media.durationMs, 1001);
  });
});

describe('probeMedia on bad media answers ok:false with a one-line reason', () => {
  const cases: ReadonlyArray<[string, RegExp]> = [
    ['zero.mp4', /^zero-length file$/],
    ['notes.mkv', /^not a media file: .*EBML header parsing failed/],
    // moov atom sits at the end, so half a file has no index at all
    ['truncated.mp4', /^truncated: moov atom not found/],
    // index at the front survives, the data it points to does not
    ['truncated-faststart.mp4', /^truncated: /],
    ['truncated.mkv', /^truncated: media ends at \d\.\d\d s of declared 10\.\d\d s$/],
    ['missing.mp4', /^file not found$/],
  ];
  for (const [file, reason] of cases) {
    it(file, async () => {
      const outcome = await probeMedia(at(file));
      assert.equal(outcome.ok, false);
      assert.ok(!outcome.ok);
      assert.match(outcome.reason, reason);
      assert.ok(!outcome.reason.includes('\n'), 'reason is one line');
      assert.ok(!outcome.reason.includes(dir), 'reason does not repeat the path');
    });
  }

  it('reports a directory as not a regular file', async () => {
    assert.deepEqual(await probeMedia(dir), { ok: false, reason: 'not a regular file' });
  });
});

describe('probeMedia failures of the tool itself', () => {
  it('throws unreachable when the ffprobe binary is missing', async () => {
    await assert.rejects(
      probeMedia(at('chapters.mp4'), { ffprobePath: join(dir, 'no-such-ffprobe') }),
      (error: unknown) => isRetroVueError(error) && error.code === 'unreachable' && /no-such-ffprobe" is not installed or not on PATH/.test(error.message),
    );
  });

  it('throws unreachable, naming the tool, when ffprobe exits 127 (a broken install), instead of calling the file bad', async () => {
    const broken = join(dir, 'broken-ffprobe');
    await writeFile(broken, '#!/bin/sh\necho "broken-ffprobe: libavformat.so.59: cannot open shared object file" >&2\nexit 127\n', { mode: 0o755 });
    await assert.rejects(
      probeMedia(at('chapters.mp4'), { ffprobePath: broken }),
      (error: unknown) =>
        isRetroVueError(error) && error.code === 'unreachable' && /broken-ffprobe" does not run \(ffprobe -version exited with 127: .*libavformat/.test(error.message),
    );
  });

  it('calls a media file shorter than 1 ms invalid (its duration would round to 0 ms)', async () => {
    await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=r=48000', '-af', 'atrim=end_sample=10', '-c:a', 'pcm_s16le', '-movie_timescale', '48000', at('tiny.mov')]);
    assert.deepEqual(await probeMedia(at('tiny.mov')), { ok: false, reason: 'zero duration: media lasts 0.000208 s, under 1 ms' });
  });

  it('rejects with the abort reason when the signal is aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('operator cancelled');
    controller.abort(reason);
    await assert.rejects(probeMedia(at('chapters.mp4'), { signal: controller.signal }), (e: unknown) => e === reason);
  });

  it('answers ok:false when ffprobe exceeds timeoutMs', async () => {
    assert.deepEqual(await probeMedia(at('chapters.mp4'), { timeoutMs: 1 }), {
      ok: false,
      reason: 'ffprobe timed out after 1 ms',
    });
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoLibrary, type DemoLibraryManifest } from '../../src/demo/media-library.js';
import { probeMedia, type ProbeOutcome } from '../../src/media/ffprobe.js';
import { parseMediaFilename } from '../../src/media/filename-parser.js';
import { isRetroVueError } from '../../src/core/errors.js';

const CHANNELS = { mono: 1, stereo: 2, '5.1': 6 } as const;

let scratch = '';
let manifest: DemoLibraryManifest;
let generationMs = 0;
const progress: Array<[number, number, string]> = [];
const probes = new Map<string, ProbeOutcome>();
let probeMs = 0;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'retrovue-demo-test-'));
  const started = performance.now();
  manifest = await generateDemoLibrary(join(scratch, 'library'), {
    onProgress: (done, total, file) => progress.push([done, total, file]),
  });
  generationMs = performance.now() - started;
  const probing = performance.now();
  for (const file of manifest.files) probes.set(file.path, await probeMedia(join(manifest.root, file.path)));
  probeMs = (performance.now() - probing) / manifest.files.length;
});

after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('generateDemoLibrary', () => {
  it('writes the promised layout and reports progress for every file', async (t) => {
    t.diagnostic(`generated ${manifest.files.length} files in ${generationMs.toFixed(0)} ms `
      + `(drawtext: ${manifest.drawtext}); probe ${probeMs.toFixed(0)} ms per file`);
    assert.deepEqual((await readdir(manifest.root)).sort(), ['Broken', 'Bumpers', 'Commercials', 'Movies', 'Series']);
    const count = (kind: string): number => manifest.files.filter((f) => f.kind === kind).length;
    assert.equal(count('episode'), 10);
    assert.equal(count('movie'), 2);
    assert.equal(count('bumper'), 3);
    assert.equal(count('commercial'), 4);
    assert.equal(count('broken'), 3);
    assert.equal(progress.length, manifest.files.length);
    assert.deepEqual(progress.map(([done]) => done), manifest.files.map((_, i) => i + 1));
    assert.ok(progress.every(([, total]) => total === manifest.files.length));
    assert.deepEqual(progress.map(([, , file]) => file).sort(), manifest.files.map((f) => f.path).sort());
    const leftovers = (await readdir(manifest.root, { recursive: true })).filter((f) => f.endsWith('.partial'));
    assert.deepEqual(leftovers, []);
  });

  it('makes good files whose probed duration, picture, sound and chapters match the manifest', () => {
    for (const file of manifest.files.filter((f) => !f.bad)) {
      const outcome = probes.get(file.path);
      assert.ok(outcome?.ok, `${file.path}: ${JSON.stringify(outcome)}`);
      const { media } = outcome;
      const drift = Math.abs(media.durationMs - (file.durationMs ?? Number.NaN));
      assert.ok(drift <= 50, `${file.path}: probed ${media.durationMs} ms, manifest ${file.durationMs} ms`);
      assert.equal(media.video?.width, file.width, file.path);
      assert.equal(media.video?.height, file.height, file.path);
      assert.equal(media.video?.frameRateFraction, file.frameRate === '30000/1001' ? '30000/1001' : `${file.frameRate}/1`);
      assert.equal(media.video?.scan, file.interlaced ? 'interlaced' : 'progressive', file.path);
      const channels = media.audio.map((a) => a.channels);
      assert.deepEqual(channels, file.audio === 'none' || file.audio === undefined ? [] : [CHANNELS[file.audio]], file.path);
      assert.deepEqual(media.chapters.map((c) => c.startMs), file.chapterStartsMs ?? [], file.path);
    }
  });

  it('makes deliberately broken files that probe as ok:false for the right reason', () => {
    const expected = { 'zero-length': /^zero-length file$/, truncated: /^truncated: /, 'not-media': /^not a media file: / };
    const broken = manifest.files.filter((f) => f.bad);
    assert.equal(broken.length, 3);
    for (const file of broken) {
      const outcome = probes.get(file.path);
      assert.ok(outcome !== undefined && !outcome.ok, `${file.path} should not probe ok`);
      assert.match(outcome.reason, expected[file.defect ?? 'not-media'], file.path);
    }
  });

  it('names files so the filename parser recovers series, episode and movie year', () => {
    for (const file of manifest.files) {
      const parsed = parseMediaFilename(file.path);
      const kind = file.kind === 'episode' || file.kind === 'movie' ? file.kind : 'unknown';
      assert.equal(parsed.kind, kind, file.path);
      if (kind === 'episode') assert.ok(parsed.series && parsed.season && parsed.episode && parsed.title, file.path);
      if (kind === 'movie') assert.ok(parsed.title && parsed.year, file.path);
    }
    assert.deepEqual(parseMediaFilename('Series/Kitchen Capers/Season 02/Kitchen Capers - S02E01 - The Big Bake.mp4'),
      { kind: 'episode', series: 'Kitchen Capers', season: 2, episode: 1, title: 'The Big Bake' });
  });

  it('refuses a non-empty directory without force (conflict)', async () => {
    await assert.rejects(
      generateDemoLibrary(manifest.root),
      (error: unknown) => isRetroVueError(error) && error.code === 'conflict' && error.message.includes(manifest.root),
    );
  });

  it('throws unreachable when ffmpeg is missing, before writing anything', async () => {
    const empty = join(scratch, 'no-ffmpeg');
    await assert.rejects(
      generateDemoLibrary(empty, { ffmpegPath: join(scratch, 'no-such-ffmpeg') }),
      (error: unknown) => isRetroVueError(error) && error.code === 'unreachable',
    );
    assert.deepEqual(await readdir(empty), []);
  });

  it('fails with ffmpeg\'s own complaint and removes what it had written', async () => {
    const failing = join(scratch, 'failing');
    const fakeFfmpeg = join(scratch, 'fake-ffmpeg.sh');
    await writeFile(fakeFfmpeg, '#!/bin/sh\necho "Unknown encoder: libx264" >&2\nexit 1\n', { mode: 0o755 });
    await assert.rejects(
      generateDemoLibrary(failing, { ffmpegPath: fakeFfmpeg }),
      (error: unknown) => isRetroVueError(error) && error.code === 'internal'
        && /^ffmpeg could not make demo file ".+": Unknown encoder: libx264$/.test(error.message),
    );
    assert.deepEqual(await readdir(failing), []);
  });

  it('stops with the abort reason and leaves no demo folders behind when cancelled', async () => {
    const cancelled = join(scratch, 'cancelled');
    const controller = new AbortController();
    const reason = new Error('operator pressed ctrl-c');
    controller.abort(reason);
    await assert.rejects(generateDemoLibrary(cancelled, { signal: controller.signal }), (e: unknown) => e === reason);
    assert.deepEqual(await readdir(cancelled), []);
  });

  it('with force, replaces only its own folders and keeps the operator\'s files', async () => {
    // A missing ffmpeg stops the run right after the clean-up, which is all this test needs to see.
    const mine = join(scratch, 'forced');
    await mkdir(join(mine, 'Series', 'Old Show'), { recursive: true });
    await writeFile(join(mine, 'Series', 'Old Show', 'stale.mp4'), 'stale demo file');
    await writeFile(join(mine, 'keep-me.txt'), 'operator file');
    await assert.rejects(generateDemoLibrary(mine, { force: true, ffmpegPath: join(scratch, 'no-such-ffmpeg') }));
    assert.deepEqual(await readdir(mine), ['keep-me.txt']);
  });
});

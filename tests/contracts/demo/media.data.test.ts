// Data contract tests for `retrovue demo media` (contracts/demo/media.yaml): what ffprobe finds in the
// files the command lists. One generation, through the CLI into a fresh directory, probed once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { probeMedia, type ProbedMedia, type ProbeOutcome } from '../../../src/media/ffprobe.js';
import { cli, json } from '../../support/cli.js';

type Listed = { path: string; kind: string; bad: boolean; defect?: string; duration_ms?: number };

let scratch = '';
let root = '';
let files: Listed[] = [];
const probes = new Map<string, ProbeOutcome>();

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'retrovue-demo-data-'));
  const run = await cli(['demo', 'media', join(scratch, 'lib'), '--json']);
  assert.equal(run.exitCode, 0, run.stderr);
  ({ root, files } = json<{ root: string; files: Listed[] }>(run));
  for (const file of files) probes.set(file.path, await probeMedia(join(root, file.path)));
});

after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const good = (): Listed[] => files.filter((f) => !f.bad);

function probed(file: Listed): ProbedMedia {
  const outcome = probes.get(file.path);
  assert.ok(outcome?.ok, `${file.path} does not probe: ${JSON.stringify(outcome)}`);
  return outcome.media;
}

// Samples per coded audio frame of the codecs the library uses.
const AUDIO_FRAME_SAMPLES: Record<string, number> = { aac: 1024, ac3: 1536, mp2: 1152 };

/** The longest single frame in the file: one video frame, or one audio frame where audio frames are longer. */
function oneFrameMs(media: ProbedMedia): number {
  assert.ok(media.video, 'every good demo file has a picture');
  const videoFrame = 1000 / media.video.frameRate;
  const audioFrames = media.audio.map((a) => {
    const samples = AUDIO_FRAME_SAMPLES[a.codec];
    assert.ok(samples, `unexpected audio codec ${a.codec}`);
    return (samples / a.sampleRate) * 1000;
  });
  return Math.max(videoFrame, ...audioFrames);
}

test('D-1: every good file probes to its listed duration within one frame', () => {
  assert.ok(good().length >= 10, `only ${good().length} good files`);
  for (const file of good()) {
    const media = probed(file);
    assert.ok(Number.isInteger(file.duration_ms), `${file.path} lists no duration`);
    const drift = Math.abs(media.durationMs - (file.duration_ms ?? Number.NaN));
    const frame = oneFrameMs(media);
    assert.ok(drift <= frame, `${file.path}: probed ${media.durationMs} ms, listed ${file.duration_ms} ms (one frame is ${frame.toFixed(1)} ms)`);
  }
});

test('D-1: every bad file fails to probe, for the reason its defect names', () => {
  const bad = files.filter((f) => f.bad);
  assert.deepEqual(bad.map((f) => f.defect).sort(), ['not-media', 'truncated', 'zero-length']);
  const reasons: Record<string, RegExp> = { 'zero-length': /^zero-length file$/, truncated: /^truncated: /, 'not-media': /^not a media file: / };
  for (const file of bad) {
    assert.equal(file.duration_ms, undefined, `${file.path} lists a duration`);
    const outcome = probes.get(file.path);
    assert.ok(outcome && !outcome.ok, `${file.path} probes as playable`);
    assert.match(outcome.reason, reasons[file.defect ?? ''] ?? /^$/, file.path);
  }
});

test('D-2: the good files vary resolution, frame rate, container and audio layout, and some carry chapter marks', () => {
  const media = good().map((file) => ({ file, media: probed(file) }));
  const distinct = (values: string[]): string[] => [...new Set(values)].sort();

  const resolutions = distinct(media.map(({ media: m }) => `${m.video?.width}x${m.video?.height}`));
  assert.ok(resolutions.length >= 3, `resolutions: ${resolutions.join(', ')}`);
  const frameRates = distinct(media.map(({ media: m }) => m.video?.frameRateFraction ?? 'none'));
  assert.ok(frameRates.length >= 3, `frame rates: ${frameRates.join(', ')}`);
  const containers = distinct(media.map(({ media: m }) => m.container));
  assert.ok(containers.length >= 3, `containers: ${containers.join(', ')}`);
  const extensions = distinct(media.map(({ file }) => file.path.slice(file.path.lastIndexOf('.') + 1)));
  assert.ok(extensions.length >= 3, `extensions: ${extensions.join(', ')}`);

  // Audio layouts: silent, mono and stereo at least (channel counts of the one audio stream).
  const layouts = distinct(media.map(({ media: m }) => m.audio.map((a) => String(a.channels)).join('+') || 'none'));
  for (const layout of ['none', '1', '2']) assert.ok(layouts.includes(layout), `audio layouts: ${layouts.join(', ')}`);

  const withChapters = media.filter(({ media: m }) => m.chapters.length >= 2);
  assert.ok(withChapters.length >= 1, 'no file carries chapter marks');
  assert.ok(withChapters.length < media.length, 'every file has chapters: nothing to contrast');
  for (const { file, media: m } of withChapters) {
    assert.equal(m.chapters[0]?.startMs, 0, file.path);
    for (const [i, chapter] of m.chapters.entries()) {
      assert.ok(chapter.endMs > chapter.startMs, `${file.path}: chapter ${i + 1} is empty`);
      const next = m.chapters[i + 1];
      if (next) assert.equal(next.startMs, chapter.endMs, `${file.path}: chapters ${i + 1} and ${i + 2} do not meet`);
      else assert.ok(Math.abs(chapter.endMs - m.durationMs) <= oneFrameMs(m), `${file.path}: last chapter ends at ${chapter.endMs} ms`);
    }
  }
});

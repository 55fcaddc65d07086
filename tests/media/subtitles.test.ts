// Subtitles burned in: every kind of track (text through libass, bitmaps overlaid) shows on the piece's
// picture while its cue runs and not outside it, including when the piece starts at a seek into the source.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { transcodePieceArgs } from '../../src/media/ffmpeg-piece.js';
import { renditionArgs } from '../../src/media/ffmpeg-rendition.js';
import type { SubtitleBurn } from '../../src/media/source-treatment.js';
import { defaultOutputProfile as profile } from '../../src/plugins/playout-plan.js';
import { execa } from 'execa';
import { brightPixels, frameAt, runPiece, type YuvFrame } from '../support/piece-frames.js';
import { multiTrackSource, pgsSource, spanningSource, type SubtitleKind, subtitledSource } from '../support/subtitle-media.js';

const dir = mkdtempSync(join(tmpdir(), 'retrovue-subtitles-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The lower 40% of the frame, where every generated cue sits; the source is black, so bright pixels there are subtitles. */
const lowerPart = { x: 0, y: Math.round(profile.height * 0.6), w: profile.width, h: Math.round(profile.height * 0.4) };
const subtitlePixels = (frame: YuvFrame) => brightPixels(frame, lowerPart, 160);
const HOSTILE_SIDECAR = "Film [it's]: a, b; c\\d.eng.srt";

async function burnOf(kind: SubtitleKind): Promise<{ path: string; subtitles: SubtitleBurn }> {
  const source = await subtitledSource(dir, kind, HOSTILE_SIDECAR);
  if (kind === 'sidecar') return { path: source.path, subtitles: { kind: 'external', path: source.sidecar ?? '' } };
  const format = kind === 'pgs' || kind === 'vobsub' || kind === 'dvb' ? 'image' : 'text';
  return { path: source.path, subtitles: { kind: 'embedded', index: 0, format } };
}

/** Subtitle pixels at each instant of `file`. */
async function pixelsAt(file: string, instants: readonly number[]): Promise<number[]> {
  return Promise.all(instants.map(async (s) => subtitlePixels(await frameAt(file, s, profile))));
}

describe('burned-in subtitles', () => {
  // The cue runs 4-6 s in the source; the piece starts 3 s in, so it shows from piece time 1 s to 3 s.
  for (const kind of ['srt', 'ass', 'mov_text', 'sidecar', 'pgs', 'vobsub', 'dvb'] as const) {
    test(`${kind}: shown during its cue and not outside it, in a piece that starts 3 s into the source`, async () => {
      const { path, subtitles } = await burnOf(kind);
      const out = join(dir, `${kind}-piece.ts`);
      await runPiece(transcodePieceArgs({
        source: { kind: 'file', path, seekMs: 3000, audio: 'silence', treatment: { subtitles } },
        format: profile, durationMs: 4000, decorations: [],
      }), out);
      const [before, during, afterCue] = await pixelsAt(out, [0.6, 2.0, 3.5]);
      assert.ok((during ?? 0) > 300, `${during} subtitle pixels at piece time 2.0 s (source 5 s, inside the cue)`);
      assert.equal(before, 0, 'no subtitle at piece time 0.6 s (source 3.6 s, before the cue)');
      assert.equal(afterCue, 0, 'no subtitle at piece time 3.5 s (source 6.5 s, after the cue)');
    });
  }

  test('the track asked for is the one burned in, among several text and image tracks', async () => {
    const path = await multiTrackSource(dir);
    for (const [index, format] of [[1, 'text'], [2, 'image']] as const) {
      const out = join(dir, `multi-${index}.ts`);
      await runPiece(transcodePieceArgs({
        source: { kind: 'file', path, seekMs: 3000, audio: 'silence', treatment: { subtitles: { kind: 'embedded', index, format } } },
        format: profile, durationMs: 3000, decorations: [],
      }), out);
      const [during] = await pixelsAt(out, [2.0]);
      assert.ok((during ?? 0) > 300, `stream ${index}: ${during} subtitle pixels at piece time 2.0 s`);
    }
  });

  // Text: from the very first frame. Bitmaps: ffmpeg trims the canvas painted before the seek point and
  // repaints it when the overlay next asks, so the first frames (up to 4, measured) of the piece miss it.
  test('a cue that began before the seek shows from the start of the piece until it ends', async () => {
    const path = await spanningSource(dir);
    for (const [index, format, from] of [[0, 'text', 0], [1, 'image', 0.2]] as const) {
      const out = join(dir, `spanning-${index}.ts`);
      await runPiece(transcodePieceArgs({
        source: { kind: 'file', path, seekMs: 3000, audio: 'silence', treatment: { subtitles: { kind: 'embedded', index, format } } },
        format: profile, durationMs: 3000, decorations: [],
      }), out);
      const [first, last, afterCue] = await pixelsAt(out, [from, 1.8, 2.4]);
      assert.ok((first ?? 0) > 300 && (last ?? 0) > 300, `${format}: ${first} and ${last} subtitle pixels at piece times ${from} and 1.8 s`);
      assert.equal(afterCue, 0, `${format}: gone at piece time 2.4 s (source 5.4 s)`);
    }
  });

  test('a rendition burns text and bitmap subtitles in at source time', async () => {
    for (const kind of ['srt', 'pgs'] as const) {
      const { path, subtitles } = await burnOf(kind);
      const out = join(dir, `${kind}-rendition.mp4`);
      await execa('ffmpeg', renditionArgs({ sourcePath: path, sourceHasAudio: false, durationMs: 8000, format: profile, outputPath: out, treatment: { subtitles } }));
      const [before, during, afterCue] = await pixelsAt(out, [3.5, 5.0, 6.5]);
      assert.ok((during ?? 0) > 300, `${kind}: ${during} subtitle pixels at 5 s`);
      assert.deepEqual([before, afterCue], [0, 0], `${kind}: no subtitle at 3.5 s or 6.5 s`);
    }
  });

  test('a bitmap cue keeps its place on a letterboxed picture', async () => {
    // 16:9 source on a 4:3 channel: the picture is 640×360 at y 60..420; a box at source y 140..170 lands at 340..400.
    const box = { x: 40, y: 140, w: 240, h: 30 };
    const path = await pgsSource(dir, 'wide-pgs.mkv', { width: 320, height: 180 }, box);
    const out = join(dir, 'wide-piece.ts');
    await runPiece(transcodePieceArgs({
      source: { kind: 'file', path, seekMs: 3000, audio: 'silence', treatment: { subtitles: { kind: 'embedded', index: 0, format: 'image' } } },
      format: profile, durationMs: 3000, decorations: [],
    }), out);
    const frame = await frameAt(out, 2.0, profile);
    const inBand = brightPixels(frame, { x: 80, y: 344, w: 480, h: 52 }, 160);
    assert.ok(inBand > 480 * 52 * 0.95, `${inBand} of ${480 * 52} pixels of the box's place are bright`);
    assert.equal(brightPixels(frame, { x: 0, y: 0, w: 640, h: 336 }, 160) + brightPixels(frame, { x: 0, y: 404, w: 640, h: 76 }, 160), 0, 'nothing bright outside the box');
  });
});

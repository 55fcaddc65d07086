// Issue 17: one AIR run splicing every class of file a real library holds, each with the treatment a plan
// gives it — the chosen language's track, burned-in text and image subtitles, PQ tone-mapped to SDR, the
// loudness gain to −24 LUFS — besides MPEG-2, AVI, anamorphic, 5.1 and a TS near the wrap. Asserted on
// the decoded stream: none substituted, 0 decode warnings, continuity, the tone, the pixels, the levels.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execa } from 'execa';
import { transcodePieceArgs } from '../../src/media/ffmpeg-piece.js';
import { loudnessGain } from '../../src/media/loudness-gain.js';
import { measureLoudness } from '../../src/media/loudness-measure.js';
import type { Loudness } from '../../src/media/media-types.js';
import type { SourceTreatment } from '../../src/media/source-treatment.js';
import { defaultOutputProfile as profile, type SegmentSource } from '../../src/plugins/playout-plan.js';
import { airMedia } from '../support/air-media.js';
import { asset, eventsOf, planOf, runAir, scratchDir, type AirRun, type SegmentSpec } from '../support/air-engine.js';
import { ebur128Of, toneHz } from '../support/audio-analysis.js';
import { HDR_PATCHES, hdrSource } from '../support/hdr-media.js';
import { type Box, brightPixels, frameAt, meanIn, runPiece, type YuvFrame } from '../support/piece-frames.js';
import { BITMAP_BOX, pgsSource, SUBTITLE_SOURCE } from '../support/subtitle-media.js';
import { cue, twoLanguageMkv } from '../support/tagged-media.js';
import { analyseTs, decodeWarnings, probePackets, type ProbedPacket } from '../support/ts-analysis.js';

const TARGET = -24;
const CEILING = -2;
const FRAME = 3003;
const scratch = scratchDir();
const at = (name: string) => join(scratch.dir, name);

/** A 3 s source with one audio track made by `audio` (lavfi), as PCM in Matroska. */
async function levelSource(name: string, audio: string): Promise<string> {
  await execa('ffmpeg', ['-v', 'error', '-y', '-nostdin', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=3', '-f', 'lavfi', '-i', audio,
    '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'pcm_s16le', at(name)]);
  return at(name);
}

interface Planned {
  readonly name: string;
  readonly spec: SegmentSpec;
  /** The source's measured level of the track that airs (before any gain). */
  readonly measured?: Loudness;
}

const planned: Planned[] = [];
let run: AirRun;

/** The segment of `name` with its measured level and gain, measured from the file as the enricher would. */
async function treated(name: string, path: string, treatment: SourceTreatment, spec: Omit<SegmentSpec, 'source'>): Promise<void> {
  let measured: Loudness | undefined;
  let full = treatment;
  if (treatment.audioStream !== undefined) {
    const outcome = await measureLoudness(path, treatment.audioStream + 1, { timeoutMs: 60_000 });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    measured = outcome.tracks[treatment.audioStream];
    const loudness = loudnessGain(measured, TARGET, CEILING);
    full = loudness === undefined ? treatment : { ...treatment, loudness };
  }
  const file = asset(path);
  assert.equal(file.kind, 'asset');
  const source: SegmentSource = { ...(file as Extract<SegmentSource, { kind: 'asset' }>), treatment: full };
  planned.push({ name, spec: { ...spec, source, title: name }, ...(measured === undefined ? {} : { measured }) });
}

before(async () => {
  const media = await airMedia();
  const [film, pq, pgs, loud, quiet] = await Promise.all([
    twoLanguageMkv(at('film.mkv')).then(() => at('film.mkv')),
    hdrSource(scratch.dir, 'pq'),
    pgsSource(scratch.dir, 'pgs.mkv', SUBTITLE_SOURCE, BITMAP_BOX),
    levelSource('loud.mkv', 'aevalsrc=0.22*sin(2*PI*440*t)+0.18*sin(2*PI*1000*t)+0.1*sin(2*PI*3000*t):s=48000:c=stereo:d=3'),
    levelSource('quiet.mkv', 'anoisesrc=c=pink:r=48000:d=3:a=0.092:seed=7'),
  ]);
  const english = { audioStream: 1, subtitles: { kind: 'embedded', index: 0, format: 'text' } } as const;
  await treated('english', film, english, { durationMs: 3000 });
  await treated('spanish', film, { audioStream: 0 }, { durationMs: 3000 });
  await treated('pq', pq, { toneMap: 'pq' }, { durationMs: 2000 });
  // The PGS cue runs 4–6 s in the source: from 1 s to 3 s of the segment.
  await treated('pgs', pgs, { subtitles: { kind: 'embedded', index: 0, format: 'image' } }, { inPointMs: 3000, durationMs: 3000 });
  await treated('mpeg2 ts at 10 s', media.clip('mpeg2Ts'), { audioStream: 0 }, { inPointMs: 500, durationMs: 2000 });
  await treated('mpeg4 avi mono', media.clip('mpeg4Avi'), { audioStream: 0 }, { durationMs: 2000 });
  await treated('anamorphic, no audio', media.clip('silentMkv'), {}, { durationMs: 2000 });
  await treated('ac3 5.1', media.clip('h264Mkv51'), { audioStream: 0 }, { inPointMs: 1000, durationMs: 1800 });
  await treated('loud', loud, { audioStream: 0 }, { durationMs: 3000 });
  await treated('quiet', quiet, { audioStream: 0 }, { durationMs: 3000 });
  planned.push({ name: 'bars', spec: { source: { kind: 'synthetic', synthetic: 'color-bars' }, durationMs: 1000 } });
  run = await runAir((now) => planOf(now, planned.map((p) => p.spec)), { dir: scratch.dir });
});

after(() => scratch.cleanup());

/** Where segment `name` lies in the stream, in seconds. */
function spanOf(name: string): { startS: number; durationS: number } {
  const index = planned.findIndex((p) => p.name === name);
  const started = eventsOf(run.events, 'segment-started').find((e) => e.segment.index === index);
  assert.ok(started, `${name} never started`);
  return { startS: started.streamTimeMs / 1000, durationS: (planned[index]?.spec.durationMs ?? 0) / 1000 };
}

/** The inside of a span: clear of the boundaries' half-frames and resampler edges. */
const inner = (span: { startS: number; durationS: number }) => ({ startS: span.startS + 0.15, durationS: span.durationS - 0.3 });

describe('AIR: a real library, every source class with its treatment, in one stream', () => {
  it('plays every segment in order, none substituted', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(eventsOf(run.events, 'segment-started').map((e) => e.segment.index), planned.map((_, i) => i));
    assert.deepEqual(eventsOf(run.events, 'segment-ended').map((e) => e.outcome), planned.map(() => 'complete'));
    assert.deepEqual(eventsOf(run.events, 'segment-substituted'), []);
  });

  it('decodes without a single ffmpeg warning, with whole packets, no CC error and a continuous PCR', async () => {
    assert.equal(await decodeWarnings(run.file), '');
    const report = analyseTs(run.ts);
    assert.equal(report.misaligned, 0);
    assert.deepEqual(report.ccErrors, []);
    assert.equal(report.discontinuities, 0);
    for (let i = 1; i < report.pcrs.length; i++) {
      const step = (report.pcrs[i]?.value ?? 0) - (report.pcrs[i - 1]?.value ?? 0);
      assert.ok(step >= 0 && step <= 2_700_000, `PCR step of ${step / 27_000} ms at packet ${report.pcrs[i]?.packet}`);
    }
  });

  it('has video frame after frame with no hole and strictly rising audio timestamps', async () => {
    const packets = await probePackets(run.file);
    const video = packets.filter((p) => p.stream === 'video');
    for (let i = 1; i < video.length; i++) assert.equal((video[i] as ProbedPacket).pts - (video[i - 1] as ProbedPacket).pts, FRAME, `video hole at frame ${i}`);
    const audio = packets.filter((p) => p.stream === 'audio');
    for (let i = 1; i < audio.length; i++) assert.ok((audio[i] as ProbedPacket).pts > (audio[i - 1] as ProbedPacket).pts, `audio goes back at packet ${i}`);
  });

  it('airs the English track (1000 Hz, second in the file) then the Spanish one (440 Hz, first)', async () => {
    const english = await toneHz(run.file, inner(spanOf('english')));
    const spanish = await toneHz(run.file, inner(spanOf('spanish')));
    assert.ok(Math.abs(english - 1000) < 30, `English segment tone ${english.toFixed(0)} Hz`);
    assert.ok(Math.abs(spanish - 440) < 20, `Spanish segment tone ${spanish.toFixed(0)} Hz`);
  });

  it('burns in the English SRT during its cue only (against the same frames aired without subtitles)', async () => {
    const lower: Box = { x: 0, y: Math.round(profile.height * 0.6), w: profile.width, h: Math.round(profile.height * 0.4) };
    const differing = async (offsetS: number) => {
      const [a, b] = await Promise.all(['english', 'spanish'].map((n) => frameAt(run.file, spanOf(n).startS + offsetS, profile)));
      let count = 0;
      for (let y = lower.y; y < lower.y + lower.h; y++) {
        for (let x = 0; x < lower.w; x++) if (Math.abs((a?.y[y * profile.width + x] ?? 0) - (b?.y[y * profile.width + x] ?? 0)) > 60) count++;
      }
      return count;
    };
    const during = await differing((cue.startMs + cue.endMs) / 2000);
    const before = await differing(cue.startMs / 1000 - 0.5);
    const afterCue = await differing(cue.endMs / 1000 + 0.5);
    assert.ok(during > 300, `${during} subtitle pixels inside the cue`);
    assert.ok(before < 30 && afterCue < 30, `${before} and ${afterCue} differing pixels outside the cue`);
  });

  it('burns in the PGS bitmap during its cue only', async () => {
    const lower: Box = { x: 0, y: Math.round(profile.height * 0.6), w: profile.width, h: Math.round(profile.height * 0.4) };
    const { startS } = spanOf('pgs');
    const pixels = async (offsetS: number) => brightPixels(await frameAt(run.file, startS + offsetS, profile), lower, 160);
    const [before, during, afterCue] = [await pixels(0.5), await pixels(2), await pixels(2.7)];
    assert.ok(during > 300, `${during} subtitle pixels inside the cue`);
    assert.equal(before, 0, 'no bitmap before the cue');
    assert.ok(afterCue > 300, 'the cue still shows at 2.7 s (it ends at the segment end)');
  });

  it('tone-maps the PQ source into SDR range with bright highlights; untreated it would air grey', async () => {
    const size = { width: 320, height: 240 };
    const inside = (box: Box): Box => ({ x: box.x + 12, y: box.y + 12, w: box.w - 24, h: box.h - 24 });
    const luma = (frame: YuvFrame, patch: keyof typeof HDR_PATCHES) => meanIn(frame, 'y', inside(HDR_PATCHES[patch].box));
    const mapped = await frameAt(run.file, spanOf('pq').startS + 1, size);
    const plainFile = at('pq-plain.ts');
    await runPiece(transcodePieceArgs({
      source: { kind: 'file', path: at('pq.mkv'), seekMs: 0, audio: 'silence', treatment: {} }, format: profile, durationMs: 1200, decorations: [],
    }), plainFile);
    const plain = await frameAt(plainFile, 1, size);
    const [min, max] = [Math.min(...mapped.y), Math.max(...mapped.y)];
    assert.ok(min >= 14 && max <= 238, `luma spans ${min}..${max}, outside SDR video range`);
    assert.ok(luma(mapped, 'highlight') > 220, `highlight luma ${luma(mapped, 'highlight').toFixed(0)}`);
    assert.ok(luma(mapped, 'diffuse') > 170, `diffuse white luma ${luma(mapped, 'diffuse').toFixed(0)}`);
    assert.ok(luma(mapped, 'diffuse') - luma(plain, 'diffuse') > 30, `diffuse white ${luma(mapped, 'diffuse').toFixed(0)} mapped vs ${luma(plain, 'diffuse').toFixed(0)} untreated`);
  });

  it('brings every gained segment within ±1 LU of −24 LUFS, from sources more than 20 LU apart', async () => {
    const rows: string[] = [];
    const failures: string[] = [];
    for (const p of planned.filter((x) => x.measured !== undefined)) {
      const aired = await ebur128Of(run.file, inner(spanOf(p.name)));
      rows.push(`${p.name.padEnd(16)} source ${p.measured?.integratedLufs.toFixed(1)} LUFS → aired ${aired.i.toFixed(1)} LUFS`);
      if (Math.abs(aired.i - TARGET) > 1) failures.push(`${p.name}: ${aired.i} LUFS`);
    }
    console.log(`loudness per segment (target ${TARGET} LUFS):\n${rows.join('\n')}`);
    const levels = planned.flatMap((p) => (p.measured === undefined ? [] : [p.measured.integratedLufs]));
    assert.ok(Math.max(...levels) - Math.min(...levels) > 20, `the sources span only ${Math.max(...levels) - Math.min(...levels)} LU`);
    assert.deepEqual(failures, []);
  });
});

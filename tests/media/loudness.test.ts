// Loudness end to end on real media: sources made at about −10, −35 and (peaky) −33 LUFS are measured by
// the enricher's function, then aired through transcodePieceArgs with and without their gain; each output
// is decoded and measured again with ffmpeg's ebur128.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { transcodePieceArgs } from '../../src/media/ffmpeg-piece.js';
import { loudnessGain } from '../../src/media/loudness-gain.js';
import { measureLoudness } from '../../src/media/loudness-measure.js';
import type { Loudness } from '../../src/media/media-types.js';
import type { SourceTreatment } from '../../src/media/source-treatment.js';
import { defaultOutputProfile } from '../../src/plugins/playout-plan.js';
import { ebur128Of } from '../support/audio-analysis.js';

const TARGET = -24;
const CEILING = -2;
const SECONDS = 5;

let dir = '';
const at = (name: string): string => join(dir, name);
const picture = ['-f', 'lavfi', '-i', `testsrc2=size=160x120:rate=25:duration=${SECONDS}`];
const sineMix = (gain: number) =>
  `aevalsrc=${gain}*(0.22*sin(2*PI*440*t)+0.18*sin(2*PI*1000*t)+0.1*sin(2*PI*3000*t)):s=48000:c=stereo:d=${SECONDS}`;

async function ffmpeg(...args: string[]): Promise<void> {
  await execa('ffmpeg', ['-v', 'error', '-y', ...args]);
}

/** A small picture and the given audio sources, each its own track, in Matroska with PCM audio. */
async function makeSource(name: string, audio: readonly string[], graph?: string): Promise<string> {
  const inputs = audio.flatMap((a) => ['-f', 'lavfi', '-i', a]);
  const maps = graph ? ['-filter_complex', graph, '-map', '[a]'] : audio.flatMap((_, n) => ['-map', `${n + 1}:a`]);
  await ffmpeg(...picture, ...inputs, '-map', '0:v', ...maps, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'pcm_s16le', at(name));
  return at(name);
}

/** Airs the whole source as one piece of the default profile and keeps the MPEG-TS it writes. */
async function airPiece(source: string, treatment: SourceTreatment, out: string): Promise<string> {
  const args = transcodePieceArgs({
    source: { kind: 'file', path: source, seekMs: 0, audio: 'source', treatment },
    format: defaultOutputProfile, durationMs: SECONDS * 1000, decorations: [],
  });
  const run = await execa('ffmpeg', args, { encoding: 'buffer', stripFinalNewline: false });
  await writeFile(at(out), run.stdout);
  return at(out);
}

/** Where, in ms from the piece's start, the loudest sample of its first second lies (the first transient). */
async function firstTransientMs(path: string): Promise<number> {
  const run = await execa('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:a', '-t', '1', '-ac', '1', '-f', 'f32le', '-'], { encoding: 'buffer' });
  const samples = new Float32Array(run.stdout.buffer, run.stdout.byteOffset, Math.floor(run.stdout.byteLength / 4));
  let loudest = 0;
  for (let n = 1; n < samples.length; n++) if (Math.abs(samples[n] ?? 0) > Math.abs(samples[loudest] ?? 0)) loudest = n;
  return (loudest / defaultOutputProfile.audioSampleRate) * 1000;
}

const sources: Record<string, { path: string; measured?: Loudness }> = {};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retrovue-loudness-'));
  sources['loud'] = { path: await makeSource('loud.mkv', [sineMix(1)]) };
  sources['quiet'] = { path: await makeSource('quiet.mkv', [`anoisesrc=c=pink:r=48000:d=${SECONDS}:a=0.065:seed=7`], '[1:a]pan=stereo|c0=c0|c1=c0[a]') };
  // Quiet brown noise (a rumble) and a one-sample click at 0.9 every 2.5 s: a high crest factor, like a gunshot in a film.
  sources['peaky'] = {
    path: await makeSource('peaky.mkv', [`anoisesrc=c=brown:r=44100:d=${SECONDS}:a=0.08:seed=9`, `aevalsrc=0.9*eq(mod(n\\,110250)\\,100):s=44100:d=${SECONDS}`],
      '[1:a][2:a]amix=inputs=2:normalize=0,pan=stereo|c0=c0|c1=c0[a]'),
  };
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('measureLoudness', () => {
  it('measures every source near the level it was made at, in one pass', async () => {
    for (const source of Object.values(sources)) {
      const outcome = await measureLoudness(source.path, 1, { timeoutMs: 60_000 });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      source.measured = outcome.tracks[0];
    }
    assert.ok(Math.abs((sources['loud']?.measured?.integratedLufs ?? 0) + 10) <= 1.5, JSON.stringify(sources['loud']?.measured));
    assert.ok(Math.abs((sources['quiet']?.measured?.integratedLufs ?? 0) + 35) <= 1.5, JSON.stringify(sources['quiet']?.measured));
    assert.ok(Math.abs((sources['peaky']?.measured?.integratedLufs ?? 0) + 33) <= 1.5, JSON.stringify(sources['peaky']?.measured));
    assert.ok((sources['peaky']?.measured?.truePeakDbtp ?? -99) > -2, 'the clicks reach near full scale');
  });

  it('measures each track of a file on its own, and a silent or near-silent track as unknown', async () => {
    // Digital silence (true peak −inf) and a hiss under ebur128's −70 LUFS gate (a finite peak near −75 dBFS).
    const path = await makeSource('four-tracks.mkv', [
      sineMix(1), `anullsrc=r=48000:cl=stereo:d=${SECONDS}`, `anoisesrc=c=pink:r=48000:d=${SECONDS}:a=0.0002:seed=3`, sineMix(0.0178),
    ]);
    const outcome = await measureLoudness(path, 4, { timeoutMs: 60_000 });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.tracks.length, 4);
    assert.ok(Math.abs((outcome.tracks[0]?.integratedLufs ?? 0) + 10) <= 1.5, JSON.stringify(outcome.tracks));
    assert.equal(outcome.tracks[1], undefined, 'digital silence gets no loudness, so no gain');
    assert.equal(outcome.tracks[2], undefined, 'a hiss under the gate gets no loudness, never +46 dB');
    assert.ok(Math.abs((outcome.tracks[3]?.integratedLufs ?? 0) + 45) <= 1.5, JSON.stringify(outcome.tracks));
  });

  it('answers a failure or a timeout instead of throwing', async () => {
    const missingTrack = await measureLoudness(sources['loud']?.path ?? '', 2, { timeoutMs: 60_000 });
    assert.equal(missingTrack.ok, false);
    assert.match(missingTrack.ok ? '' : missingTrack.reason, /could not measure loudness/);
    const timedOut = await measureLoudness(sources['loud']?.path ?? '', 1, { timeoutMs: 1 });
    assert.deepEqual(timedOut, { ok: false, reason: 'loudness measurement timed out after 1 ms' });
  });
});

describe('pieces aired with their loudness gain', () => {
  it('bring every source within ±1 LU of −24 LUFS under a −2 dBTP ceiling; without the gain the spread is wide', async (t) => {
    const before: Record<string, { i: number; tp: number }> = {};
    const afterGain: Record<string, { i: number; tp: number }> = {};
    for (const [name, source] of Object.entries(sources)) {
      assert.ok(source.measured, `${name} was measured first`);
      const gain = loudnessGain(source.measured, TARGET, CEILING);
      assert.ok(gain, `${name} has a gain`);
      before[name] = await ebur128Of(await airPiece(source.path, { audioStream: 0 }, `${name}-plain.ts`));
      afterGain[name] = await ebur128Of(await airPiece(source.path, { audioStream: 0, loudness: gain }, `${name}-gained.ts`));
    }
    const spread = (m: Record<string, { i: number }>) => Math.max(...Object.values(m).map((x) => x.i)) - Math.min(...Object.values(m).map((x) => x.i));
    t.diagnostic(`measured: ${JSON.stringify(Object.fromEntries(Object.entries(sources).map(([n, s]) => [n, s.measured])))}`);
    t.diagnostic(`before: ${JSON.stringify(before)} spread ${spread(before).toFixed(1)} LU`);
    t.diagnostic(`after: ${JSON.stringify(afterGain)} spread ${spread(afterGain).toFixed(1)} LU`);
    for (const [name, m] of Object.entries(afterGain)) {
      assert.ok(Math.abs(m.i - TARGET) <= 1, `${name}: ${m.i} LUFS`);
      assert.ok(m.tp <= CEILING + 0.5, `${name}: true peak ${m.tp} dBTP`);
    }
    assert.ok(spread(before) >= 20, `without gain the sources differ by ${spread(before)} LU`);
    assert.ok(spread(afterGain) <= 2, `with gain they differ by ${spread(afterGain)} LU`);
    // The same gain without the limiter: the peaky source's clicks pass the ceiling, so the limiter is what holds it.
    const peaky = sources['peaky'];
    const gain = loudnessGain(peaky?.measured, TARGET, CEILING);
    assert.equal(gain?.limit, true);
    const unlimited = await ebur128Of(await airPiece(peaky?.path ?? '', { audioStream: 0, loudness: { gainDb: gain.gainDb, ceilingDbtp: CEILING } }, 'peaky-unlimited.ts'));
    assert.ok(unlimited.tp > CEILING + 3, `without the limiter the gained clicks reach ${unlimited.tp} dBTP`);
  });

  it('keep the audio in sync: the limiter delays no transient', async () => {
    const peaky = sources['peaky'];
    assert.ok(peaky?.measured);
    const gain = loudnessGain(peaky.measured, TARGET, CEILING);
    assert.equal(gain?.limit, true, 'the peaky source needs the limiter');
    const plain = await firstTransientMs(at('peaky-plain.ts'));
    const limited = await firstTransientMs(await airPiece(peaky.path, { audioStream: 0, loudness: gain }, 'peaky-sync.ts'));
    assert.ok(Math.abs(limited - plain) < 1, `transient at ${plain.toFixed(2)} ms plain, ${limited.toFixed(2)} ms limited`);
  });

  it('air the colour-bars lineup tone at the default target, level with the gained programmes', async () => {
    const args = transcodePieceArgs({ source: { kind: 'synthetic', picture: 'color-bars' }, format: defaultOutputProfile, durationMs: SECONDS * 1000, decorations: [] });
    const run = await execa('ffmpeg', args, { encoding: 'buffer', stripFinalNewline: false });
    await writeFile(at('bars.ts'), run.stdout);
    const bars = await ebur128Of(at('bars.ts'));
    assert.ok(Math.abs(bars.i - TARGET) <= 1, `the bars tone measures ${bars.i} LUFS`);
  });
});

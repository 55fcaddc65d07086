// The default tuner count: how many channels this machine can transcode at once. Measured, not guessed: a
// live piece's own transcode of 3 s of 1080p H.264 into the channel profile gives the CPU one channel costs
// per second of air (the bench's real-library figures: decoding and scaling HD costs more than encoding); the cores, less a quarter kept for decoding, normalising and
// everything else, divided by that cost is the count. CPU time, not wall time, so a busy moment at start
// does not shrink the count (wall time is the fallback where /proc is missing).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { runTied } from '../core/processes.js';
import { COMMON_ARGS, lavfiInputArgs } from '../media/ffmpeg-args.js';
import { transcodePieceArgs } from '../media/ffmpeg-piece.js';
import { defaultOutputProfile, type OutputProfile } from '../plugins/playout-plan.js';
import { capacityKey, readCachedTuners, writeCachedTuners } from './transcode-capacity-cache.js';

const sampleSeconds = 3;
const headroom = 0.75;
export const MAX_TUNERS = 64;

/** Cores times the headroom over the cost of one channel, at least 1 and at most MAX_TUNERS. */
export function tunersFor(cores: number, cpuSecondsPerAirSecond: number): number {
  if (!(cpuSecondsPerAirSecond > 0)) return Math.max(1, cores);
  return Math.min(MAX_TUNERS, Math.max(1, Math.floor((cores * headroom) / cpuSecondsPerAirSecond)));
}

/** CPU seconds this process's reaped children have used (Linux), or undefined. */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime (fields 16 and 17 of stat), in clock ticks of 100 Hz on Linux.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * The sample source: `sampleSeconds` of 1080p H.264 with grain and stereo AAC, the commonest class of a real
 * library (issue "Real libraries": decoding and scaling it costs a live channel more than encoding does).
 */
export function sampleSourceArgs(path: string): string[] {
  return [
    ...COMMON_ARGS, '-y',
    ...lavfiInputArgs(`testsrc2=s=1920x1080:r=30000/1001:d=${sampleSeconds},noise=alls=12:allf=t`),
    ...lavfiInputArgs(`sine=f=440:r=48000:d=${sampleSeconds}`),
    // Made fast, decoded like a real encode: CABAC, deblocking and B-frames are what decoding costs.
    '-c:v', 'libx264', '-preset', 'ultrafast', '-x264-params', 'cabac=1:deblock=1,0,0:bframes=2', '-b:v', '8M', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', '-f', 'matroska', path,
  ];
}

/** The ffmpeg arguments of the sample: the source transcoded into `profile` as a live piece is, and dropped. */
export function sampleArgs(profile: OutputProfile, sourcePath: string): string[] {
  return transcodePieceArgs({
    source: { kind: 'file', path: sourcePath, seekMs: 0, audio: 'source' }, format: profile, durationMs: sampleSeconds * 1000, decorations: [],
  });
}

/** Measures the tuner count (rejects when ffmpeg fails or `signal` aborts). Making the source is not counted. */
export async function measureTuners(clock: Clock, signal: AbortSignal, profile: OutputProfile = defaultOutputProfile): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-capacity-'));
  try {
    const source = join(dir, 'sample.mkv');
    await runTied('ffmpeg', sampleSourceArgs(source), { stdin: 'ignore', cancelSignal: signal });
    const cpuBefore = childrenCpuSeconds();
    const wallBefore = clock.now();
    await runTied('ffmpeg', sampleArgs(profile, source), { stdin: 'ignore', stdout: 'ignore', cancelSignal: signal });
    const cpuAfter = childrenCpuSeconds();
    const used = cpuBefore !== undefined && cpuAfter !== undefined && cpuAfter > cpuBefore ? cpuAfter - cpuBefore : (clock.now() - wallBefore) / 1000;
    return tunersFor(availableParallelism(), used / sampleSeconds);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The tuner count of this machine: the one measured earlier when the cache holds it (nothing spawned), else
 * measured now and cached (transcode-capacity-cache.ts).
 */
export async function machineTuners(clock: Clock, signal: AbortSignal, profile: OutputProfile = defaultOutputProfile): Promise<{ readonly count: number; readonly cached: boolean }> {
  const key = capacityKey(profile);
  const cached = readCachedTuners(key);
  if (cached !== undefined) return { count: cached, cached: true };
  const count = await measureTuners(clock, signal, profile);
  writeCachedTuners(key, count);
  return { count, cached: false };
}

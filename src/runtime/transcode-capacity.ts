// The default tuner count: how many channels this machine can transcode at once. Measured, not guessed: a
// short encode of the channel profile with the live pieces' own settings (x264 ultrafast, zerolatency) gives
// the CPU one channel costs per second of air; the cores, less a quarter kept for decoding, normalising and
// everything else, divided by that cost is the count. CPU time, not wall time, so a busy moment at start
// does not shrink the count (wall time is the fallback where /proc is missing).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Clock } from '../core/clock.js';
import { runTied } from '../core/processes.js';
import { COMMON_ARGS, encodeArgs, lavfiInputArgs } from '../media/ffmpeg-args.js';
import { parseFrameRate } from '../media/ffmpeg-format.js';
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

/** The ffmpeg arguments of the sample: `sampleSeconds` of a moving test picture and tone, encoded and dropped. */
export function sampleArgs(profile: OutputProfile): string[] {
  const rate = parseFrameRate(profile.frameRate);
  return [
    ...COMMON_ARGS,
    ...lavfiInputArgs(`testsrc2=s=${profile.width}x${profile.height}:r=${rate.num}/${rate.den}:d=${sampleSeconds}`),
    ...lavfiInputArgs(`sine=f=440:r=${profile.audioSampleRate}:d=${sampleSeconds}`),
    ...encodeArgs(profile, { preset: 'ultrafast', zeroLatency: true }),
    '-f', 'null', '-',
  ];
}

/** Measures the tuner count (rejects when ffmpeg fails or `signal` aborts). */
export async function measureTuners(clock: Clock, signal: AbortSignal, profile: OutputProfile = defaultOutputProfile): Promise<number> {
  const cpuBefore = childrenCpuSeconds();
  const wallBefore = clock.now();
  await runTied('ffmpeg', sampleArgs(profile), { stdin: 'ignore', cancelSignal: signal });
  const cpuAfter = childrenCpuSeconds();
  const used = cpuBefore !== undefined && cpuAfter !== undefined && cpuAfter > cpuBefore ? cpuAfter - cpuBefore : (clock.now() - wallBefore) / 1000;
  return tunersFor(availableParallelism(), used / sampleSeconds);
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

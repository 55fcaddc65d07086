// The AIR engine's tune-in and cost, each beside its floor measured in the same run (starts interleaved,
// so load on the machine hits both alike): time from handing an idle engine a plan (a mid-show join) to
// the first TS packet on stdout and to the first complete key frame, against bare `ffmpeg -ss … -i … -f
// mpegts pipe:1`; then the CPU of one channel paced in real time. Once transcoding, once copying a
// rendition.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { isPayloadStart, isRandomAccess, pidOf, TS_PACKET_SIZE } from '../src/air/ts-packet.js';
import { TS_LAYOUT } from '../src/media/ffmpeg-args.js';
import { renditionArgs } from '../src/media/ffmpeg-rendition.js';
import { defaultOutputProfile, type PlayoutPlan } from '../src/plugins/playout-plan.js';
import { statFile } from '../src/catalog/playable-file.js';
import { systemClock } from '../src/core/clock.js';
import { ms, percentile } from './measure.js';

const engineBin = fileURLToPath(new URL('../dist/air.mjs', import.meta.url));
const STARTS = 20;
const JOIN_MS = 30_000;
const CPU_WARMUP_MS = 3000;
const CPU_WINDOW_MS = 12_000;

interface StartTimes {
  readonly firstPacketMs: number;
  readonly firstKeyFrameMs: number;
}

/** Watches a TS byte stream for the first packet and the first complete key frame (its PES followed by the next). */
function watchStart(stdout: Readable, t0: () => number): Promise<StartTimes> {
  return new Promise((resolve, reject) => {
    let firstPacketMs: number | undefined;
    let inKeyFrame = false;
    let pending = Buffer.alloc(0);
    stdout.on('data', (chunk: Buffer) => {
      const now = performance.now();
      firstPacketMs ??= now - t0();
      pending = Buffer.concat([pending, chunk]);
      let at = 0;
      for (; at + TS_PACKET_SIZE <= pending.length; at += TS_PACKET_SIZE) {
        const p = pending.subarray(at, at + TS_PACKET_SIZE);
        if (pidOf(p) !== TS_LAYOUT.videoPid || !isPayloadStart(p)) continue;
        if (inKeyFrame) {
          resolve({ firstPacketMs, firstKeyFrameMs: now - t0() });
          stdout.removeAllListeners('data');
          stdout.resume();
          return;
        }
        inKeyFrame = isRandomAccess(p);
      }
      pending = pending.subarray(at);
    });
    stdout.once('end', () => reject(new Error('the stream ended before a key frame')));
  });
}

function joinPlan(path: string, rendition?: string): PlayoutPlan {
  const now = systemClock.now();
  const source = rendition === undefined
    ? { kind: 'asset' as const, assetId: 'bench', path }
    : { kind: 'asset' as const, assetId: 'bench', path, rendition: { path: rendition, profile: defaultOutputProfile.name, ...madeFrom(path) } };
  return {
    channelId: 'bench', profile: defaultOutputProfile, directives: [], builtAtMs: now,
    segments: [{ source, inPointMs: JOIN_MS + 417, durationMs: 25_000, startsAtMs: now, playlogEventId: null, title: 'bench', transitionIn: { kind: 'cut' } }],
  };
}

/** An engine up and idle (its `ready` event seen), as ChannelManager can keep one. */
async function idleEngine(args: readonly string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [engineBin, ...args], { stdio: ['pipe', 'pipe', 'inherit', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    (child.stdio[3] as Readable).once('data', () => resolve());
    child.once('exit', () => reject(new Error('the engine exited before it was ready')));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  await gone;
}

async function engineStart(path: string, rendition?: string): Promise<StartTimes & { fromSpawnMs: number }> {
  const spawned = performance.now();
  const child = await idleEngine();
  const t0 = performance.now();
  const times = watchStart(child.stdout as Readable, () => t0);
  (child.stdin as Writable).write(`${JSON.stringify(joinPlan(path, rendition))}\n`);
  const result = await times;
  await stop(child);
  return { ...result, fromSpawnMs: result.firstPacketMs + (t0 - spawned) };
}

async function ffmpegStart(args: readonly string[]): Promise<StartTimes> {
  const t0 = performance.now();
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const result = await watchStart(child.stdout, () => t0);
  await stop(child);
  return result;
}

/** CPU seconds of a process and its descendants, from /proc (children that exited count through cutime). */
function cpuSeconds(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  const stat = (p: number): string[] | undefined => {
    try {
      const text = readFileSync(`/proc/${p}/stat`, 'utf8');
      return text.slice(text.lastIndexOf(')') + 2).split(' ');
    } catch {
      return undefined;
    }
  };
  const own = stat(pid);
  if (own === undefined) return Number.NaN;
  let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    const s = stat(Number(name));
    if (s !== undefined && Number(s[1]) === pid) total += Number(s[11]) + Number(s[12]) + Number(s[13]) + Number(s[14]);
  }
  return total / tick;
}

async function cpuOf(start: () => Promise<ChildProcess>): Promise<number> {
  const child = await start();
  child.stdout?.resume();
  await new Promise((resolve) => setTimeout(resolve, CPU_WARMUP_MS));
  const pid = child.pid ?? -1;
  const [cpu0, t0] = [cpuSeconds(pid), performance.now()];
  await new Promise((resolve) => setTimeout(resolve, CPU_WINDOW_MS));
  const [cpu1, t1] = [cpuSeconds(pid), performance.now()];
  await stop(child);
  return ((cpu1 - cpu0) / ((t1 - t0) / 1000)) * 100;
}

async function pacedEngine(path: string, rendition?: string): Promise<ChildProcess> {
  const child = await idleEngine();
  (child.stdin as Writable).write(`${JSON.stringify(joinPlan(path, rendition))}\n`);
  return child;
}

function summary(label: string, engine: readonly StartTimes[], floor: readonly StartTimes[], floorLabel: string, targets: string): void {
  const p = (list: readonly StartTimes[], key: keyof StartTimes, q: number) => percentile(list.map((s) => s[key]), q);
  const ratio = (key: keyof StartTimes) => (p(engine, key, 50) / p(floor, key, 50)).toFixed(2);
  console.log(`  ${label}, ${engine.length} starts each (p50 / p95):`);
  console.log(`    first TS packet:      engine ${ms(p(engine, 'firstPacketMs', 50))} / ${ms(p(engine, 'firstPacketMs', 95))}   floor ${ms(p(floor, 'firstPacketMs', 50))} / ${ms(p(floor, 'firstPacketMs', 95))}   (${ratio('firstPacketMs')}× floor)`);
  console.log(`    first key frame:      engine ${ms(p(engine, 'firstKeyFrameMs', 50))} / ${ms(p(engine, 'firstKeyFrameMs', 95))}   floor ${ms(p(floor, 'firstKeyFrameMs', 50))} / ${ms(p(floor, 'firstKeyFrameMs', 95))}   (${ratio('firstKeyFrameMs')}× floor)`);
  console.log(`    floor: ${floorLabel}; ${targets}`);
}

export async function benchAir(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-bench-air-'));
  try {
    // An episode-like source: 640×360 29.97 fps H.264 with a key frame every 2 s, AAC stereo, 60 s.
    const source = join(dir, 'episode.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30000/1001:d=60', '-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=60',
      '-c:v', 'libx264', '-preset', 'veryfast', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', source]);
    const rendition = join(dir, 'episode.rendition.mp4');
    execFileSync('ffmpeg', renditionArgs({ sourcePath: source, sourceHasAudio: true, durationMs: 60_000, format: defaultOutputProfile, outputPath: rendition }));
    const seek = ((JOIN_MS + 417) / 1000).toFixed(3);
    const transcodeFloor = ['-v', 'error', '-nostdin', '-ss', seek, '-i', source, '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-c:a', 'aac', '-f', 'mpegts', 'pipe:1'];
    const copyFloor = ['-v', 'error', '-nostdin', '-ss', seek, '-i', rendition, '-c', 'copy', '-f', 'mpegts', 'pipe:1'];

    const engine: Array<StartTimes & { fromSpawnMs: number }> = [];
    const floor: StartTimes[] = [];
    const engineCopy: Array<StartTimes & { fromSpawnMs: number }> = [];
    const floorCopy: StartTimes[] = [];
    for (let i = 0; i < STARTS; i++) {
      engine.push(await engineStart(source));
      floor.push(await ffmpegStart(transcodeFloor));
      engineCopy.push(await engineStart(source, rendition));
      floorCopy.push(await ffmpegStart(copyFloor));
    }
    const cpuTranscode = await cpuOf(() => pacedEngine(source));
    const cpuCopy = await cpuOf(() => pacedEngine(source, rendition));
    const cpuFloor = await cpuOf(async () => spawn('ffmpeg', ['-v', 'error', '-nostdin', '-re', '-ss', seek, '-i', source, '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-c:a', 'aac', '-f', 'mpegts', 'pipe:1'], { stdio: ['ignore', 'pipe', 'inherit'] }));

    const spawnP50 = (list: ReadonlyArray<{ fromSpawnMs: number }>) => ms(percentile(list.map((s) => s.fromSpawnMs), 50));
    console.log(`AIR playout engine, mid-show join ${seek} s into a 640×360 H.264 file, default profile ${defaultOutputProfile.width}×${defaultOutputProfile.height} ${defaultOutputProfile.frameRate}; from handing an idle engine the plan`);
    summary('transcode', engine, floor, 'ffmpeg -ss … -i source -c:v libx264 -preset ultrafast -tune zerolatency -c:a aac -f mpegts pipe:1', 'targets: first packet < 250 ms, first key frame < 400 ms at p50, ≈1.3× floor');
    summary('copy from a rendition', engineCopy, floorCopy, 'ffmpeg -ss … -i rendition -c copy -f mpegts pipe:1', 'the join opens on the next key frame, placed where it airs');
    console.log(`    from spawning the engine (node start included), first packet p50: transcode ${spawnP50(engine)}, copy ${spawnP50(engineCopy)}`);
    console.log(`  CPU of one channel paced in real time (engine + its ffmpeg, % of one core over ${CPU_WINDOW_MS / 1000} s):`);
    console.log(`    transcode ${cpuTranscode.toFixed(1)}%   copy ${cpuCopy.toFixed(1)}%   (bare ffmpeg -re transcode of the source: ${cpuFloor.toFixed(1)}%)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A rendition recorded as made from the source file as it is now (so the playability rule plays it). */
function madeFrom(path: string): { sourceSizeBytes: number; sourceMtimeMs: number } {
  const facts = statFile(path);
  if ('problem' in facts) throw new Error(facts.problem);
  return { sourceSizeBytes: facts.sizeBytes, sourceMtimeMs: facts.mtimeMs };
}

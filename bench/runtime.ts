// The runtime over real HTTP against a server in its own process (bench/runtime-server.ts): cold tune-in
// to the first TS byte and the first key frame, a warm second viewer's join, 200 viewers on one channel
// and ten channels with one viewer each (server CPU and RSS, engines excluded), idle CPU, and the playout
// processes left 2 s after the last viewer leaves.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { isPayloadStart, isRandomAccess, pidOf, TS_PACKET_SIZE } from '../src/air/ts-packet.js';
import { TS_LAYOUT } from '../src/media/ffmpeg-args.js';
import { renditionArgs } from '../src/media/ffmpeg-rendition.js';
import { defaultOutputProfile } from '../src/plugins/playout-plan.js';
import { ms, percentile } from './measure.js';

const COLD_TUNES = 10;
const WARM_JOINS = 10;
const CROWD = 200;
const WINDOW_MS = 5000;
const TICKS = 100; // USER_HZ

const agent = new Agent({ connections: 1000, pipelining: 0 });

interface Tune {
  readonly firstByteMs: number;
  readonly keyFrameMs: Promise<number>;
  bytes(): number;
  close(): void;
}

async function tune(url: string): Promise<Tune> {
  const t0 = performance.now();
  const response = await request(url, { dispatcher: agent });
  if (response.statusCode !== 200) throw new Error(`${url}: HTTP ${response.statusCode}`);
  const body = response.body as unknown as Readable;
  let received = 0;
  let firstByteMs = 0;
  const first = new Promise<void>((resolve) => body.once('data', () => ((firstByteMs = performance.now() - t0), resolve())));
  const keyFrameMs = new Promise<number>((resolve) => {
    let pending = Buffer.alloc(0);
    let found = false;
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (found) return;
      pending = Buffer.concat([pending, chunk]);
      let at = 0;
      for (; at + TS_PACKET_SIZE <= pending.length; at += TS_PACKET_SIZE) {
        const p = pending.subarray(at, at + TS_PACKET_SIZE);
        if (pidOf(p) === TS_LAYOUT.videoPid && isPayloadStart(p) && isRandomAccess(p)) {
          found = true;
          resolve(performance.now() - t0);
          return;
        }
      }
      pending = pending.subarray(at);
    });
  });
  body.on('error', () => {});
  await first;
  return { firstByteMs, keyFrameMs, bytes: () => received, close: () => body.destroy() };
}

function procStat(pid: number): { cpuTicks: number; rssKb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { cpuTicks: Number(fields[11]) + Number(fields[12]), rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) };
  } catch {
    return undefined;
  }
}

/** The server's own CPU (% of one core) over `windowMs`, and its RSS at the end; its children not counted. */
export async function serverLoad(pid: number, windowMs: number): Promise<{ cpu: number; rssMb: number }> {
  const a = procStat(pid);
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const b = procStat(pid);
  const seconds = (performance.now() - t0) / 1000;
  return { cpu: (((b?.cpuTicks ?? 0) - (a?.cpuTicks ?? 0)) / TICKS / seconds) * 100, rssMb: (b?.rssKb ?? 0) / 1024 };
}

/** Playout processes (engines, ffmpeg) under `pid`. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  const frontier = [pid];
  const all = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map((n) => {
    try {
      const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { pid: Number(n), ppid: Number(fields[1]), zombie: fields[0] === 'Z', command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) };
    } catch {
      return undefined;
    }
  }).filter((e): e is { pid: number; ppid: number; zombie: boolean; command: string } => e !== undefined && !e.zombie);
  while (frontier.length > 0) {
    const parent = frontier.pop();
    for (const e of all.filter((x) => x.ppid === parent)) {
      // tsx's esbuild service runs under the server too; it is no playout process.
      if (e.command !== 'esbuild') out.push(e.pid);
      frontier.push(e.pid);
    }
  }
  return out;
}

export async function untilNoChildren(pid: number, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (childrenOf(pid).length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A 20 s episode-like clip and its rendition in the default profile (what the bench channels loop). */
export function makeBenchMedia(dir: string): { source: string; rendition: string; clipMs: number } {
  const source = join(dir, 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30000/1001:d=20', '-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=20',
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', source]);
  const rendition = join(dir, 'clip.rendition.mp4');
  execFileSync('ffmpeg', renditionArgs({ sourcePath: source, sourceHasAudio: true, durationMs: 20_000, format: defaultOutputProfile, outputPath: rendition }));
  return { source, rendition, clipMs: 20_000 };
}

/** bench/runtime-server.ts in its own process, once it listens; `extra` are its optional arguments after the media. */
export async function startRuntimeServer(media: { source: string; rendition: string; clipMs: number }, extra: readonly string[] = []): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'runtime-server.ts'), media.source, media.rendition, String(media.clipMs), ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    (server.stdout as Readable).on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /url (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return { server, base };
}

export async function stopRuntimeServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const gone = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await gone;
}

export async function benchRuntime(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-bench-runtime-'));
  const media = makeBenchMedia(dir);
  if (process.env['RETROVUE_BENCH_VERBOSE'] === '1') console.error(`  [${(performance.now() / 1000).toFixed(1)} s] media made`);
  const { server, base } = await startRuntimeServer(media);
  try {
    const pid = server.pid ?? -1;
    const channel = (i: number) => `${base}/channel/ch${i}.ts`;

    const phase = (name: string) => process.env['RETROVUE_BENCH_VERBOSE'] === '1' && console.error(`  [${(performance.now() / 1000).toFixed(1)} s] ${name}`);
    phase('server up');
    const idle = await serverLoad(pid, 3000);
    phase('idle measured');

    const cold: Array<{ firstByteMs: number; keyFrameMs: number }> = [];
    for (let i = 0; i < COLD_TUNES; i++) {
      const t = await tune(channel(0));
      cold.push({ firstByteMs: t.firstByteMs, keyFrameMs: await t.keyFrameMs });
      t.close();
      await untilNoChildren(pid, 10_000);
    }

    phase('cold tunes done');
    const host = await tune(channel(0));
    await host.keyFrameMs;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const warm: Array<{ firstByteMs: number; keyFrameMs: number }> = [];
    for (let i = 0; i < WARM_JOINS; i++) {
      const t = await tune(channel(0));
      warm.push({ firstByteMs: t.firstByteMs, keyFrameMs: await t.keyFrameMs });
      t.close();
    }

    phase('warm joins done');
    const crowd = await Promise.all(Array.from({ length: CROWD - 1 }, () => tune(channel(0))));
    const before = crowd.map((t) => t.bytes());
    const crowdLoad = await serverLoad(pid, WINDOW_MS);
    const receiving = crowd.filter((t, i) => t.bytes() > (before[i] ?? 0)).length + 1;
    for (const t of crowd) t.close();
    host.close();
    await untilNoChildren(pid, 10_000);

    phase('crowd done');
    const ten = await Promise.all(Array.from({ length: 10 }, (_, i) => tune(channel(i))));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const tenLoad = await serverLoad(pid, WINDOW_MS);
    for (const t of ten) t.close();
    const leftAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2000 - (performance.now() - leftAt)));
    const leftover = childrenOf(pid).length;
    phase('ten channels done');

    const p = (list: readonly number[], q: number) => ms(percentile(list, q));
    console.log(`Runtime over HTTP (server in its own process, engines copy a ${defaultOutputProfile.width}×${defaultOutputProfile.height} rendition; server CPU excludes engines and ffmpeg)`);
    console.log(`  cold tune-in (${COLD_TUNES}×, no engine running): first TS byte p50 ${p(cold.map((c) => c.firstByteMs), 50)} p95 ${p(cold.map((c) => c.firstByteMs), 95)}; first key frame p50 ${p(cold.map((c) => c.keyFrameMs), 50)} p95 ${p(cold.map((c) => c.keyFrameMs), 95)}   (target: first byte < 300 ms p50)`);
    console.log(`  warm join (${WARM_JOINS}×, a viewer already on): first TS byte p50 ${p(warm.map((c) => c.firstByteMs), 50)} p95 ${p(warm.map((c) => c.firstByteMs), 95)}; first key frame p50 ${p(warm.map((c) => c.keyFrameMs), 50)}   (target: < 50 ms)`);
    console.log(`  ${CROWD} viewers on one channel: server ${crowdLoad.cpu.toFixed(1)}% of a core, RSS ${crowdLoad.rssMb.toFixed(0)} MB, ${receiving}/${CROWD} receiving   (target: < 25% of a core)`);
    console.log(`  10 channels, one viewer each: server ${tenLoad.cpu.toFixed(1)}% of a core, RSS ${tenLoad.rssMb.toFixed(0)} MB`);
    console.log(`  idle, no viewers: server ${idle.cpu.toFixed(1)}% of a core, RSS ${idle.rssMb.toFixed(0)} MB; playout processes 2 s after the last viewer left: ${leftover}   (target: 0)`);
  } finally {
    await stopRuntimeServer(server);
    await agent.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRuntime();

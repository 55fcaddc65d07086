// The serving half of the scale bench: the built binary's `runtime serve` on a network already built,
// measured from outside over real HTTP. CPU and RSS are the server process's own (/proc/<pid>/stat utime +
// stime and VmRSS): engines and ffmpeg are its children and are not counted.
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { percentile } from './measure.js';
import { servingUrl } from './serving-url.js';
import { serverLoad, stopRuntimeServer, untilNoChildren } from './runtime.js';

/** What one served network measured; lists are repeats, for ranges. */
export interface ServeFigures {
  /** From spawn until listening, then until the first horizon pass has gone quiet. */
  readonly listenMs: number;
  readonly settleMs: number;
  readonly idle: { readonly cpu: number; readonly rssMb: number; readonly seconds: number };
  readonly watched: { readonly cpu: number; readonly rssMb: number; readonly seconds: number; readonly channels: number };
  readonly epgMs: number[];
  readonly epgBytes: number;
  readonly lineupMs: number[];
  readonly lineupBytes: number;
  readonly tuneMs: number[];
}

export interface ServeSetup {
  readonly cli: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly channelIds: readonly string[];
  readonly idleSeconds: number;
  readonly watchedSeconds: number;
  readonly tunes: number;
}

interface Served {
  readonly server: ChildProcess;
  readonly base: string;
}

async function startServe(setup: ServeSetup): Promise<Served> {
  // --tuners: no background measure of the machine (an ffmpeg of its own) runs during the figures.
  const server = spawn(setup.cli[0] as string, [...setup.cli.slice(1), 'runtime', 'serve', '--port', '0', '--linger-seconds', '0', '--tuners', '8'], {
    env: setup.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const base = await servingUrl(server);
  return { server, base };
}

/** Waits until the server's own CPU stays under 5 % of a core for two seconds running (its first horizon pass is done). */
async function untilQuiet(pid: number, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  let quiet = 0;
  while (quiet < 2 && performance.now() < deadline) {
    const load = await serverLoad(pid, 1000);
    quiet = load.cpu < 5 ? quiet + 1 : 0;
  }
}

/** GET a URL to its end: milliseconds and bytes. */
function fetchWhole(url: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? resolve({ ms: performance.now() - t0, bytes }) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
    }).once('error', reject);
  });
}

/** A viewer of a channel's TS: the time to its first byte, and a way to leave. */
function tuneIn(url: string): Promise<{ firstByteMs: number; close(): void }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        reject(new Error(`${url}: HTTP ${res.statusCode}`));
        return;
      }
      res.once('data', () => resolve({ firstByteMs: performance.now() - t0, close: () => req.destroy() }));
    });
    req.once('error', reject);
  });
}

async function repeatFetch(url: string, times: number): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const got = await fetchWhole(url);
    ms.push(got.ms);
    bytes = got.bytes;
  }
  return { ms, bytes };
}

/** Serves the network, measures it (idle, guide routes, cold tune-ins, then 3 channels watched), and stops. */
export async function measureServe(setup: ServeSetup): Promise<ServeFigures> {
  const t0 = performance.now();
  const { server, base } = await startServe(setup);
  const listenMs = performance.now() - t0;
  try {
    const pid = server.pid ?? -1;
    await untilQuiet(pid, 300_000);
    const settleMs = performance.now() - t0 - listenMs;
    const idle = await serverLoad(pid, setup.idleSeconds * 1000);
    const lineup = await repeatFetch(`${base}/lineup.json`, 3);
    const epg = await repeatFetch(`${base}/epg.xml`, 3);
    const tuneMs: number[] = [];
    // Cold tune-ins on channels spread over the lineup: each viewer leaves, and its engine with it, before the next.
    for (let i = 0; i < setup.tunes; i++) {
      const id = setup.channelIds[Math.floor((i * setup.channelIds.length) / setup.tunes)] as string;
      const viewer = await tuneIn(`${base}/channel/${id}.ts`);
      tuneMs.push(viewer.firstByteMs);
      viewer.close();
      await untilNoChildren(pid, 10_000);
    }
    const watchedIds = setup.channelIds.slice(-3);
    const viewers = await Promise.all(watchedIds.map((id) => tuneIn(`${base}/channel/${id}.ts`)));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const watched = await serverLoad(pid, setup.watchedSeconds * 1000);
    for (const v of viewers) v.close();
    return {
      listenMs, settleMs, epgMs: epg.ms, epgBytes: epg.bytes, lineupMs: lineup.ms, lineupBytes: lineup.bytes, tuneMs,
      idle: { ...idle, seconds: setup.idleSeconds },
      watched: { ...watched, seconds: setup.watchedSeconds, channels: watchedIds.length },
    };
  } finally {
    await stopRuntimeServer(server);
  }
}

export const p50 = (list: readonly number[]): number => percentile(list, 50);

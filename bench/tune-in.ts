// Tune-in as a viewer sees it: time to the first decoded picture in real players (bench/players.ts) on a
// cold channel (no engine running) and a warm one (a viewer already watching), over TS and, when the
// server has the route, HLS; beside the floor measured in the same run, runs interleaved: the same player
// on the same rendition served by bare `ffmpeg -re -c copy` (bench/floor-server.ts). Then the pacing a
// viewer receives after a cold tune-in: media time ahead of the wall clock (bench/pacing.ts).
// RETROVUE_BENCH_TUNE_LEAD_MS=<ms> runs the engines with that --lead-ms instead of their default;
// RETROVUE_BENCH_TUNE_RUNS=<n> sets the runs per row (default 10).
import type { ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFloorServer } from './floor-server.js';
import { ms, percentile } from './measure.js';
import { measurePacing } from './pacing.js';
import { firstPicture, PLAYERS, type Player } from './players.js';
import { makeBenchMedia, startRuntimeServer, stopRuntimeServer, untilNoChildren } from './runtime.js';

const RUNS = Number(process.env['RETROVUE_BENCH_TUNE_RUNS'] ?? 10);
const PACING_MS = 20_000;
// A channel on air longer than the join point's history (src/runtime/ts-join-point.ts): warm, not just started.
const WARM_AFTER_MS = 7000;

type Transport = 'TS' | 'HLS';

/** A viewer reading a URL and discarding it: keeps a channel warm. */
function watch(url: string): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      res.resume();
      resolve({ close: () => req.destroy() });
    });
    req.once('error', reject);
  });
}

function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.once('error', () => resolve(0));
  });
}

interface Row {
  readonly engine: number[];
  readonly floor: number[];
}

async function coldRuns(player: Player, engineUrl: string, floorUrl: string, server: ChildProcess): Promise<Row> {
  const row: Row = { engine: [], floor: [] };
  for (let i = 0; i < RUNS; i++) {
    await untilNoChildren(server.pid ?? -1, 10_000);
    row.engine.push(await firstPicture(player, engineUrl));
    row.floor.push(await firstPicture(player, floorUrl));
  }
  return row;
}

async function warmRuns(player: Player, engineUrl: string, floorUrl: string): Promise<Row> {
  const row: Row = { engine: [], floor: [] };
  for (let i = 0; i < RUNS; i++) {
    row.engine.push(await firstPicture(player, engineUrl));
    row.floor.push(await firstPicture(player, floorUrl));
  }
  return row;
}

function line(label: string, row: Row | undefined, target: string): string {
  if (row === undefined) return `    ${label.padEnd(14)} n/a (no HLS)`;
  const p = (list: readonly number[]) => `${ms(percentile(list, 50))} / ${ms(percentile(list, 95))}`;
  return `    ${label.padEnd(14)} RetroVue ${p(row.engine).padEnd(17)} floor ${p(row.floor).padEnd(17)} (${(percentile(row.engine, 50) / percentile(row.floor, 50)).toFixed(2)}× floor)${target}`;
}

export async function benchTuneIn(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-bench-tune-in-'));
  const media = makeBenchMedia(dir);
  const lead = process.env['RETROVUE_BENCH_TUNE_LEAD_MS'];
  const { server, base } = await startRuntimeServer(media, lead === undefined ? [] : [lead]);
  const floor = await startFloorServer(media.rendition, dir);
  try {
    const hls = (await status(`${base}/channel/ch9.m3u8`)) === 200;
    await untilNoChildren(server.pid ?? -1, 10_000);
    const results = new Map<string, Row | undefined>();
    for (const transport of ['TS', 'HLS'] as Transport[]) {
      const ext = transport === 'TS' ? 'ts' : 'm3u8';
      const skip = transport === 'HLS' && !hls;
      for (const player of PLAYERS) {
        results.set(`${transport} ${player} cold`, skip ? undefined : await coldRuns(player, `${base}/channel/ch0.${ext}`, `${floor.base}/cold.${ext}`, server));
      }
      if (skip) continue;
      const host = await watch(`${base}/channel/ch1.ts`);
      await new Promise((resolve) => setTimeout(resolve, WARM_AFTER_MS));
      const warmFloor = transport === 'TS' ? `${floor.base}/warm.ts` : `${floor.base}/hls/live.m3u8`;
      for (const player of PLAYERS) results.set(`${transport} ${player} warm`, await warmRuns(player, `${base}/channel/ch1.${ext}`, warmFloor));
      host.close();
    }
    await untilNoChildren(server.pid ?? -1, 10_000);
    const pacing = await measurePacing(`${base}/channel/ch2.ts`, PACING_MS);

    console.log(`Tune-in to the first decoded picture, ${RUNS} runs each, p50 / p95, engines ${lead === undefined ? 'at their default --lead-ms' : `at --lead-ms ${lead}`} (from spawning the player; process start included)`);
    console.log('  floor: the same player on the same rendition served by bare ffmpeg -re -c copy (TS: RetroVue\'s muxer options; warm TS: a plain relay of one running ffmpeg; HLS: ffmpeg -f hls, 2 s segments)');
    for (const transport of ['TS', 'HLS'] as Transport[]) {
      console.log(`  ${transport}:`);
      for (const player of PLAYERS) {
        for (const state of ['cold', 'warm'] as const) {
          const target = state === 'cold' ? `   (target: < ${transport === 'TS' ? '1 s' : '1.5 s'} p50)` : '';
          const row = results.get(`${transport} ${player} ${state}`);
          if (row === undefined && state === 'warm' && transport === 'HLS' && !hls) continue;
          console.log(line(`${player} ${state}`, row, target));
        }
      }
    }
    console.log(`  pacing after a cold TS tune-in (${pacing.seconds} s, stream PCR vs wall clock from the first PCR): at most ${ms(pacing.maxAheadMs)} ahead; ${ms(pacing.aheadAt2sMs)} ahead at 2 s, ${ms(pacing.aheadAtEndMs)} at the end   (target: a few seconds at most, no drift)`);
  } finally {
    await floor.close();
    await stopRuntimeServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTuneIn();

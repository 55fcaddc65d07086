// npm run soak -- --minutes N (default 60) [--keep: leave the home to look at]: the demo network served for N minutes in a fresh home, watched
// by real readers over HTTP — a real-time TS viewer (toons), a TS viewer that pauses 20 s every 3 minutes
// (sitcoms), an HLS viewer (movies) and tune-in/tune-out churn — everything each got decoded by ffmpeg;
// server and engine RSS every minute; then the server stopped, processes left and as-run completeness.
// Not in CI. Ctrl-C/SIGTERM stops every process it started and the server (by pid) and removes the home.
import { rmSync } from 'node:fs';
import { asRunCompleteness, type AsRunFigures } from './soak-asrun.js';
import { churn } from './soak-churn.js';
import { watchHls } from './soak-hls-viewer.js';
import { DEMO_CHANNELS, freshHome, type Served, serveDemo, stopServer } from './soak-network.js';
import { processesOfHome, type RssSample, sampleRss, soakChildren } from './soak-processes.js';
import { printSoak, type SoakFigures, writeSoak } from './soak-report.js';
import { watchTs } from './soak-ts-viewer.js';

const PAUSE = { firstMs: 40_000, everyMs: 180_000, ms: 20_000 };
/** The first RSS sample once every viewer is on and the engines are warm; then one a minute. */
const FIRST_SAMPLE_MS = 15_000;
/** As-run is judged from this long after tune-in (the engine's own start) to the stop. */
const TUNE_MARGIN_MS = 5000;

function minutesArg(argv: readonly string[]): number {
  const at = argv.indexOf('--minutes');
  const minutes = at === -1 ? 60 : Number(argv[at + 1]);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`--minutes must be a positive number; got "${argv[at + 1]}"`);
  return minutes;
}

const run = new AbortController();
let interrupted = false;
let serving = false;
function onSignal(): void {
  if (interrupted) {
    for (const child of soakChildren) child.kill('SIGKILL');
    process.exit(130);
  }
  interrupted = true;
  run.abort();
  // Once serving, the viewers and their decoders end and the server is stopped as after a full soak (a
  // second SIGTERM would make it exit at once); while the network is still being built, it is stopped here.
  if (!serving) for (const child of soakChildren) child.kill('SIGTERM');
}

function sampleEveryMinute(served: Served, t0: number, signal: AbortSignal): RssSample[] {
  const samples: RssSample[] = [];
  const take = () => samples.push(sampleRss(served.server.pid ?? -1, (performance.now() - t0) / 1000));
  const first = setTimeout(() => {
    take();
    const every = setInterval(take, 60_000);
    signal.addEventListener('abort', () => clearInterval(every), { once: true });
  }, FIRST_SAMPLE_MS);
  signal.addEventListener('abort', () => (clearTimeout(first), take()), { once: true });
  return samples;
}

async function soak(served: Served, minutes: number): Promise<Omit<SoakFigures, 'serverStop' | 'processesLeft' | 'asRun' | 'serverLog'>> {
  const t0 = performance.now();
  const startedMs = Date.now();
  const signal = run.signal;
  const pauses = { atMs: Array.from({ length: Math.ceil((minutes * 60_000) / PAUSE.everyMs) }, (_, i) => PAUSE.firstMs + i * PAUSE.everyMs), ms: PAUSE.ms };
  const viewers = Promise.all([
    watchTs({ base: served.base, channel: 'toons', t0, signal }),
    watchTs({ base: served.base, channel: 'sitcoms', t0, signal, pauses }),
    watchHls(served.base, 'movies', t0, signal),
    churn(served.base, DEMO_CHANNELS, signal),
  ]);
  const rss = sampleEveryMinute(served, t0, signal);
  const timer = setTimeout(() => run.abort(), minutes * 60_000);
  const [realtime, stalling, hls, churned] = await viewers;
  clearTimeout(timer);
  const endedMs = Date.now();
  return {
    minutes: (endedMs - startedMs) / 60_000, startedAt: new Date(startedMs).toISOString(), endedAt: new Date(endedMs).toISOString(),
    interrupted, base: served.base, realtime, stalling, hls, churn: churned, rss,
  };
}

async function main(): Promise<void> {
  const minutes = minutesArg(process.argv.slice(2));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const { home, env } = freshHome();
  try {
    console.error(`soak: building the demo network in ${home} (a few minutes the first time)…`);
    const served = await serveDemo(home, env);
    serving = true;
    console.error(`soak: serving at ${served.base}; watching for ${minutes} min`);
    const figures = await soak(served, minutes);
    const serverStop = await stopServer(served.server);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const processesLeft = processesOfHome(home);
    const fromMs = Date.parse(figures.startedAt) + TUNE_MARGIN_MS;
    const asRun: AsRunFigures[] = interrupted ? [] : DEMO_CHANNELS.map((ch) => asRunCompleteness(ch, fromMs, Date.parse(figures.endedAt), env));
    const all: SoakFigures = { ...figures, serverStop, processesLeft, asRun, serverLog: served.log };
    printSoak(all);
    console.log(`  figures written to ${writeSoak(all)}`);
  } finally {
    for (const child of soakChildren) child.kill('SIGKILL');
    // Anything of this home still running is ended by its pid, so nothing outlives the soak.
    for (const p of processesOfHome(home)) process.kill(p.pid, 'SIGKILL');
    if (process.argv.includes('--keep')) console.error(`soak: kept the home ${home}`);
    else rmSync(home, { recursive: true, force: true });
  }
  if (interrupted) process.exit(130);
}

await main().catch((error: unknown) => {
  if (!interrupted) throw error;
  console.error('soak: interrupted; every process it started is stopped');
  process.exit(130);
});

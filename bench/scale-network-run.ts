// One network size of the scale bench, through the built binary as an operator would run it: `network
// apply` of a generated file (bench/scale-network.ts), `collection ingest` of its four collections, the
// first `horizon advance` (nothing built yet), the same advance again with everything built (what the
// runtime's timer does every 10 minutes), then — on the Postgres server — `runtime serve` measured.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeProcess } from './measure.js';
import { type ScaleShape, scaleNetworkFile } from './scale-network.js';
import { measureServe, type ServeFigures } from './scale-serve.js';

export const cli = [process.execPath, join(import.meta.dirname, '..', 'bin', 'retrovue.js')] as const;

export interface NetworkFigures {
  readonly channels: number;
  readonly applyMs: number;
  readonly firstAdvanceMs: number;
  /** Rows the horizon built (counted on the Postgres server only). */
  readonly rows: { readonly slots: number; readonly events: number } | undefined;
  /** `horizon advance` with every channel built, repeated. */
  readonly advanceMs: number[];
  readonly serve: ServeFigures | undefined;
}

export interface NetworkRun {
  readonly channels: number;
  /** The Postgres server database (RETROVUE_DATABASE_URL), or undefined for embedded PGlite in the run's home. */
  readonly databaseUrl: string | undefined;
  readonly mediaDir: string;
  readonly shape: ScaleShape;
  readonly advanceRepeats: number;
  readonly serve: boolean;
  /** Counts the rows the horizon built, where the bench can read the database. */
  readonly countRows?: () => Promise<{ slots: number; events: number }>;
}

/** Seconds of each CPU window (RETROVUE_BENCH_SCALE_WINDOW_S, default 30). */
const windowSeconds = Number(process.env['RETROVUE_BENCH_SCALE_WINDOW_S'] ?? 30);

const run = (args: readonly string[], env: NodeJS.ProcessEnv): number => timeProcess([...cli, ...args], env);

export async function measureNetwork(setup: NetworkRun): Promise<NetworkFigures> {
  const home = mkdtempSync(join(tmpdir(), 'retrovue-bench-scale-'));
  const env: NodeJS.ProcessEnv = { ...process.env, RETROVUE_HOME: home, RETROVUE_HOLDER: 'off', RETROVUE_LOG_LEVEL: 'warn' };
  if (setup.databaseUrl === undefined) delete env['RETROVUE_DATABASE_URL'];
  else env['RETROVUE_DATABASE_URL'] = setup.databaseUrl;
  try {
    const file = join(home, 'network.yaml');
    writeFileSync(file, scaleNetworkFile(setup.mediaDir, setup.channels, setup.shape));
    const applyMs = run(['network', 'apply', '-f', file], env);
    for (const name of ['Series', 'Movies', 'Bumpers', 'Commercials']) execFileSync(cli[0], [...cli.slice(1), 'collection', 'ingest', `lib/${name}`], { env, stdio: 'ignore' });
    const firstAdvanceMs = run(['horizon', 'advance'], env);
    const advanceMs = Array.from({ length: setup.advanceRepeats }, () => run(['horizon', 'advance'], env));
    const rows = await setup.countRows?.();
    const channelIds = Array.from({ length: setup.channels }, (_, i) => `ch${i}`);
    const serve = setup.serve ? await measureServe({ cli, env, channelIds, idleSeconds: windowSeconds, watchedSeconds: windowSeconds, tunes: 7 }) : undefined;
    return { channels: setup.channels, applyMs, firstAdvanceMs, rows, advanceMs, serve };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

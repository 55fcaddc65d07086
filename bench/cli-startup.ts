// Whole `retrovue` processes as an operator starts them, each beside a bare `node -e 0` measured in the
// same rounds (interleaved, so a busy machine slows both alike): no command run (`--version`, `--help`), and
// `channel list --json` with 100 channels on the Postgres server and on the embedded database. Plus the
// embedded database's first-ever open and where a cold open's time goes. The embedded database three ways:
// opened by each command (RETROVUE_HOLDER=off), through a running holder (`db serve`), and a script of 20
// mixed commands on each path (the auto path starts its background holder on the first command).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/db/open-database.js';
import { holderSocketPath } from '../src/db/holder-paths.js';
import type { Schema } from '../src/db/schema.js';
import { openThrowawayDatabase } from '../src/db/throwaway-database.js';
import { benchCliStartupBreakdown } from './cli-startup-breakdown.js';
import { ms, percentile, timeProcess } from './measure.js';

const bin = fileURLToPath(new URL('../bin/retrovue.js', import.meta.url));
// At least 30 rounds: other work on a 2-core machine makes single runs swing by tens of milliseconds.
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 30);
const serverUrl = process.env['RETROVUE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function seed(db: Kysely<Schema>): Promise<void> {
  const rows = Array.from({ length: 100 }, (_, i) => ({
    id: `bench-${i}`,
    name: `Bench ${i}`,
    number: String(i + 1),
    grid_block_minutes: 30,
    block_start_offsets_minutes: [0],
    programming_day_start: '06:00',
    timezone: 'UTC',
  }));
  await db.insertInto('channel').values(rows).execute();
}

/** Splits a cold embedded open into its parts, in a fresh process as the CLI would pay them. */
function embeddedOpenBreakdown(dataDir: string): Record<'importMs' | 'openMs' | 'queryMs' | 'closeMs', number> {
  const script = `
    const t0 = performance.now();
    const { PGlite } = await import('@electric-sql/pglite');
    const t1 = performance.now();
    const pg = await PGlite.create(${JSON.stringify(dataDir)});
    const t2 = performance.now();
    await pg.query('select * from channel');
    const t3 = performance.now();
    await pg.close();
    const t4 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, openMs: t2 - t1, queryMs: t3 - t2, closeMs: t4 - t3 }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
  return JSON.parse(out.toString()) as Record<'importMs' | 'openMs' | 'queryMs' | 'closeMs', number>;
}

/** Runs every command once per round, in turn, and returns the samples of each. */
function interleaved(commands: Record<string, { argv: readonly string[]; env: NodeJS.ProcessEnv }>): Record<string, number[]> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, { argv, env }] of Object.entries(commands)) samples[name]?.push(timeProcess(argv, env));
  }
  return samples;
}

/** A script of 20 mixed commands, as an operator's shell script runs them; returns its wall time. */
function script(env: NodeJS.ProcessEnv, count = 20): number {
  const commands: string[][] = [];
  for (let i = 0; commands.length < count; i++) {
    commands.push(
      ['channel', 'add', '--id', `script-${i}`, '--name', `Script ${i}`, '--number', String(1000 + i)],
      ['channel', 'list', '--json'],
      ['asset', 'list', '--json'],
      ['channel', 'update', `script-${i}`, '--grid-block-minutes', '60'],
    );
  }
  let total = 0;
  for (const argv of commands.slice(0, count)) total += timeProcess([process.execPath, bin, ...argv], env);
  return total;
}

async function untilListening(dataDir: string): Promise<void> {
  for (let i = 0; i < 1200 && !existsSync(holderSocketPath(dataDir)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

// Targets (issue 18): --version and --help under 1.5x node -e 0, a database command on the server within 2x.
const line = (label: string, samples: readonly number[], floor: number, target?: { readonly text: string; readonly met: (ratio: number) => boolean }) => {
  const p50 = percentile(samples, 50);
  const verdict = target === undefined ? '' : `  target ${target.text}: ${target.met(p50 / floor) ? 'met' : 'MISSED'}`;
  return `  ${label.padEnd(44)} p50 ${ms(p50).padStart(7)}, p90 ${ms(percentile(samples, 90)).padStart(7)}  (node -e 0 + ${ms(p50 - floor)}, ${(p50 / floor).toFixed(2)}x)${verdict}`;
};
const underOneAndAHalf = { text: '< 1.5x', met: (ratio: number) => ratio < 1.5 };
const withinTwice = { text: '<= 2x', met: (ratio: number) => ratio <= 2 };

export async function benchCliStartup(): Promise<void> {
  const baseEnv = { ...process.env, RETROVUE_LOG_LEVEL: 'silent' };
  const home = mkdtempSync(join(tmpdir(), 'retrovue-bench-'));
  const embeddedEnv = { ...baseEnv, RETROVUE_HOME: home, RETROVUE_DATABASE_URL: '', RETROVUE_HOLDER: 'off' };
  const held = join(home, 'held');
  const holderEnv = { ...embeddedEnv, RETROVUE_HOME: held };
  const auto = join(home, 'auto');
  const autoEnv = { ...embeddedEnv, RETROVUE_HOME: auto, RETROVUE_HOLDER: 'auto', RETROVUE_HOLDER_IDLE_SECONDS: '2' };
  let holder: ReturnType<typeof spawn> | undefined;
  const scratch = await openThrowawayDatabase({ dialect: 'postgres', url: serverUrl }, { cacheDir: tmpdir() });
  try {
    const firstOpen = timeProcess([process.execPath, bin, 'db', 'migrate'], embeddedEnv);
    const database = await openDatabase({ dialect: 'pglite', dataDir: join(home, 'db') });
    await seed(database.db);
    await database.close();
    cpSync(join(home, 'db'), join(held, 'db'), { recursive: true });
    cpSync(join(home, 'db'), join(auto, 'db'), { recursive: true });
    holder = spawn(process.execPath, [bin, 'db', 'serve'], { env: holderEnv, stdio: 'ignore' });
    await untilListening(join(held, 'db'));
    await seed(scratch.db);
    const serverEnv = { ...baseEnv, RETROVUE_DATABASE_URL: scratch.config.dialect === 'postgres' ? scratch.config.url : serverUrl };
    const samples = interleaved({
      node: { argv: [process.execPath, '-e', '0'], env: baseEnv },
      version: { argv: [process.execPath, bin, '--version'], env: baseEnv },
      help: { argv: [process.execPath, bin, '--help'], env: baseEnv },
      server: { argv: [process.execPath, bin, 'channel', 'list', '--json'], env: serverEnv },
      embedded: { argv: [process.execPath, bin, 'channel', 'list', '--json'], env: embeddedEnv },
      holder: { argv: [process.execPath, bin, 'channel', 'list', '--json'], env: holderEnv },
    });
    const scripts = { server: script(serverEnv), holder: script(autoEnv), direct: (script(embeddedEnv, 3) * 20) / 3 };
    const floor = percentile(samples['node'] ?? [], 50);
    const breakdown = embeddedOpenBreakdown(join(home, 'db'));
    console.log(`cli startup: whole processes, ${rounds} interleaved rounds`);
    console.log(`  ${'bare node -e 0 (the floor)'.padEnd(44)} p50 ${ms(floor).padStart(7)}`);
    console.log(line('retrovue --version (no command runs)', samples['version'] ?? [], floor, underOneAndAHalf));
    console.log(line('retrovue --help (every command listed)', samples['help'] ?? [], floor, underOneAndAHalf));
    console.log(line('channel list --json, 100 channels, Postgres', samples['server'] ?? [], floor, withinTwice));
    console.log(line('channel list --json, 100 channels, PGlite', samples['embedded'] ?? [], floor));
    console.log(line('channel list --json, 100 channels, via holder', samples['holder'] ?? [], floor));
    const serverP50 = percentile(samples['server'] ?? [], 50);
    console.log(`  holder / Postgres server p50: ${(percentile(samples['holder'] ?? [], 50) / serverP50).toFixed(2)}x (target within 1.5x)`);
    console.log(
      `  script of 20 mixed commands: Postgres ${ms(scripts.server)}, embedded via background holder (started by the first) ${ms(scripts.holder)}, embedded direct ${ms(scripts.direct)} (3 run, x20/3)`,
    );
    console.log(`  embedded first-ever open (initdb + migrate, whole process): ${ms(firstOpen)}`);
    console.log(
      `  embedded cold open, fresh process: import PGlite ${ms(breakdown.importMs)}, open data dir ${ms(breakdown.openMs)}, query ${ms(breakdown.queryMs)}, close ${ms(breakdown.closeMs)}`,
    );
    const list = ['channel', 'list', '--json'];
    await benchCliStartupBreakdown({
      '--version': { argv: ['--version'], env: baseEnv },
      '--help': { argv: ['--help'], env: baseEnv },
      'channel list --json, Postgres': { argv: list, env: serverEnv },
      'channel list --json, PGlite': { argv: list, env: embeddedEnv },
    });
  } finally {
    if (holder?.pid !== undefined && holder.exitCode === null) {
      const exited = new Promise((resolve) => holder?.on('exit', resolve));
      holder.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the auto path's holder stops after 2 s idle
    rmSync(home, { recursive: true, force: true });
    await scratch.close();
  }
}

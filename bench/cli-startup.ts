// Whole `retrovue` processes as an operator starts them, each beside a bare `node -e 0` measured in the
// same rounds (interleaved, so a busy machine slows both alike): the bundle alone (`--version`), and
// `channel list --json` with 100 channels on the Postgres server and on the embedded database. Plus the
// embedded database's first-ever open and where a cold open's time goes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/db/open-database.js';
import type { Schema } from '../src/db/schema.js';
import { openThrowawayDatabase } from '../src/db/throwaway-database.js';
import { ms, percentile, timeProcess } from './measure.js';

const bin = fileURLToPath(new URL('../bin/retrovue.js', import.meta.url));
const rounds = 15;
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

const line = (label: string, samples: readonly number[], floor: number) =>
  `  ${label.padEnd(44)} p50 ${ms(percentile(samples, 50)).padStart(7)}, p90 ${ms(percentile(samples, 90)).padStart(7)}  (node -e 0 + ${ms(percentile(samples, 50) - floor)})`;

export async function benchCliStartup(): Promise<void> {
  const baseEnv = { ...process.env, RETROVUE_LOG_LEVEL: 'silent' };
  const home = mkdtempSync(join(tmpdir(), 'retrovue-bench-'));
  const embeddedEnv = { ...baseEnv, RETROVUE_HOME: home, RETROVUE_DATABASE_URL: '' };
  const scratch = await openThrowawayDatabase({ dialect: 'postgres', url: serverUrl }, { cacheDir: tmpdir() });
  try {
    const firstOpen = timeProcess([process.execPath, bin, 'db', 'migrate'], embeddedEnv);
    const database = await openDatabase({ dialect: 'pglite', dataDir: join(home, 'db') });
    await seed(database.db);
    await database.close();
    await seed(scratch.db);
    const serverEnv = { ...baseEnv, RETROVUE_DATABASE_URL: scratch.config.dialect === 'postgres' ? scratch.config.url : serverUrl };
    const samples = interleaved({
      node: { argv: [process.execPath, '-e', '0'], env: baseEnv },
      version: { argv: [process.execPath, bin, '--version'], env: baseEnv },
      server: { argv: [process.execPath, bin, 'channel', 'list', '--json'], env: serverEnv },
      embedded: { argv: [process.execPath, bin, 'channel', 'list', '--json'], env: embeddedEnv },
    });
    const floor = percentile(samples['node'] ?? [], 50);
    const breakdown = embeddedOpenBreakdown(join(home, 'db'));
    console.log(`cli startup: whole processes, ${rounds} interleaved rounds`);
    console.log(`  ${'bare node -e 0 (the floor)'.padEnd(44)} p50 ${ms(floor).padStart(7)}`);
    console.log(line('retrovue --version (the bundle, no database)', samples['version'] ?? [], floor));
    console.log(line('channel list --json, 100 channels, Postgres', samples['server'] ?? [], floor));
    console.log(line('channel list --json, 100 channels, PGlite', samples['embedded'] ?? [], floor));
    console.log(`  embedded first-ever open (initdb + migrate, whole process): ${ms(firstOpen)}`);
    console.log(
      `  embedded cold open, fresh process: import PGlite ${ms(breakdown.importMs)}, open data dir ${ms(breakdown.openMs)}, query ${ms(breakdown.queryMs)}, close ${ms(breakdown.closeMs)}`,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
    await scratch.close();
  }
}

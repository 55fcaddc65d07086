// `retrovue channel list --json` as a whole process with 100 channels, on the embedded and the server
// database, beside a bare `node -e 0` measured in the same run; plus the embedded first-ever open.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/db/open-database.js';
import type { Schema } from '../src/db/schema.js';
import { openThrowawayDatabase } from '../src/db/throwaway-database.js';
import { ms, percentile, repeat, timeProcess } from './measure.js';

const bin = fileURLToPath(new URL('../bin/retrovue.js', import.meta.url));
const runs = 15;
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

export async function benchCliStartup(): Promise<void> {
  const baseEnv = { ...process.env, RETROVUE_LOG_LEVEL: 'silent' };
  const node = percentile(repeat(runs, () => timeProcess([process.execPath, '-e', '0'], baseEnv)), 50);

  const home = mkdtempSync(join(tmpdir(), 'retrovue-bench-'));
  const embeddedEnv = { ...baseEnv, RETROVUE_HOME: home, RETROVUE_DATABASE_URL: '' };
  try {
    const firstOpen = timeProcess([process.execPath, bin, 'db', 'migrate'], embeddedEnv);
    const reopen = percentile(repeat(5, () => timeProcess([process.execPath, bin, 'db', 'status', '--json'], embeddedEnv)), 50);
    const database = await openDatabase({ dialect: 'pglite', dataDir: join(home, 'db') });
    await seed(database.db);
    await database.close();
    const list = repeat(runs, () => timeProcess([process.execPath, bin, 'channel', 'list', '--json'], embeddedEnv));
    const breakdown = embeddedOpenBreakdown(join(home, 'db'));
    console.log('cli startup, embedded PGlite');
    console.log(`  first-ever open (initdb + migrate, whole process): ${ms(firstOpen)}`);
    console.log(`  db status on an existing data dir, p50:           ${ms(reopen)}`);
    console.log(`  channel list --json, 100 channels: p50 ${ms(percentile(list, 50))}, p90 ${ms(percentile(list, 90))}`);
    console.log(`  where it goes (fresh process): import PGlite ${ms(breakdown.importMs)}, open data dir ${ms(breakdown.openMs)}, query ${ms(breakdown.queryMs)}, close ${ms(breakdown.closeMs)}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }

  const scratch = await openThrowawayDatabase({ dialect: 'postgres', url: serverUrl }, { cacheDir: tmpdir() });
  try {
    await seed(scratch.db);
    const url = scratch.config.dialect === 'postgres' ? scratch.config.url : serverUrl;
    const serverEnv = { ...baseEnv, RETROVUE_DATABASE_URL: url };
    const list = repeat(runs, () => timeProcess([process.execPath, bin, 'channel', 'list', '--json'], serverEnv));
    console.log('cli startup, Postgres server');
    console.log(`  channel list --json, 100 channels: p50 ${ms(percentile(list, 50))}, p90 ${ms(percentile(list, 90))} (target < 250 ms)`);
  } finally {
    await scratch.close();
  }
  console.log(`  bare node -e 0, same run: p50 ${ms(node)}`);
}

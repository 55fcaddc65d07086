// Scale: the demo network's shape at 10 and at 1,000 channels on one box (issue 19, part 4), measured in
// the same run through the built binary: `horizon advance` for all channels, then `runtime serve` with its
// RSS, its own CPU idle and with 3 channels watched, /epg.xml and /lineup.json, and cold tune-in.
// On the Postgres server (a fresh database per size, created and dropped here through the throwaway-database
// helper); `horizon advance` also on embedded PGlite, at the sizes RETROVUE_BENCH_SCALE_PGLITE names (default 10,1000).
// npm run bench -- scale. RETROVUE_BENCH_SCALE_CHANNELS=10,1000 (the sizes; the first is the baseline);
// RETROVUE_BENCH_SCALE_SHAPE=demo for the demo network's one-minute density (see bench/scale-network.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openThrowawayDatabase } from '../src/db/throwaway-database.js';
import { cli, measureNetwork, type NetworkFigures } from './scale-network-run.js';
import type { ScaleShape } from './scale-network.js';
import { printScale } from './scale-report.js';

const serverUrl = process.env['RETROVUE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const sizesOf = (text: string): number[] => text.split(',').filter((s) => s.trim() !== '').map(Number);
const sizes = sizesOf(process.env['RETROVUE_BENCH_SCALE_CHANNELS'] ?? '10,1000');
const pgliteSizes = sizesOf(process.env['RETROVUE_BENCH_SCALE_PGLITE'] ?? '10,1000');
const advanceRepeats = 3;
const shape: ScaleShape = process.env['RETROVUE_BENCH_SCALE_SHAPE'] === 'demo' ? 'demo' : 'real';

async function onServer(channels: number, mediaDir: string): Promise<NetworkFigures> {
  const database = await openThrowawayDatabase({ dialect: 'postgres', url: serverUrl }, { cacheDir: tmpdir() });
  try {
    if (database.config.dialect !== 'postgres') throw new Error('expected a Postgres server database');
    const countRows = async () => {
      const { rows } = await sql<{ slots: number; events: number }>`select (select count(*)::int from schedule_slot) as slots, (select count(*)::int from playlog_event) as events`.execute(database.db);
      return rows[0] ?? { slots: 0, events: 0 };
    };
    return await measureNetwork({ channels, databaseUrl: database.config.url, mediaDir, shape, advanceRepeats, serve: true, countRows });
  } finally {
    await database.close();
  }
}

export async function benchScale(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-bench-scale-media-'));
  try {
    const mediaDir = join(dir, 'media');
    execFileSync(cli[0], [...cli.slice(1), 'demo', 'media', mediaDir], { stdio: 'ignore' });
    const server: NetworkFigures[] = [];
    for (const channels of sizes) server.push(await onServer(channels, mediaDir));
    const embedded: NetworkFigures[] = [];
    for (const channels of pgliteSizes) embedded.push(await measureNetwork({ channels, databaseUrl: undefined, mediaDir, shape, advanceRepeats, serve: false }));
    printScale(shape, server, embedded);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchScale();

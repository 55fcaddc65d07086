// The holder embedded in a long-running process (what `runtime serve` uses): it serves the other commands
// while its own queries go through the same socket, and closing it frees everything.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { shareEmbeddedDatabase } from '../../src/db/holder.js';
import { ensureMigrated } from '../../src/db/migrations.js';
import { cliProcess, json } from '../support/cli.js';
import { embeddedEnv, homes } from '../support/holder.js';

let made: Awaited<ReturnType<typeof homes>>;
before(async () => {
  made = await homes();
});
after(() => made?.dispose());

test('shareEmbeddedDatabase holds the database in-process and serves it; a second share becomes a client; close frees it', async () => {
  const home = made.fresh('share');
  const config = { dialect: 'pglite', dataDir: join(home, 'db') } as const;
  const shared = await shareEmbeddedDatabase(config);
  assert.ok(shared.holder, 'nobody held it: this process holds it');
  try {
    await ensureMigrated(shared.database.db);
    const trx = await shared.database.db.startTransaction().execute();
    await trx.insertInto('channel').values({ id: 'own', name: 'Own', number: '1', grid_block_minutes: 30, block_start_offsets_minutes: [0], programming_day_start: '06:00', timezone: 'UTC' }).execute();
    // Another process's command waits for this transaction, then sees its row.
    const other = cliProcess(['channel', 'list', '--json'], embeddedEnv(home));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await trx.commit().execute();
    const run = await other;
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(json<{ channels: Array<{ id: string }> }>(run).channels.map((c) => c.id), ['own']);
    const again = await shareEmbeddedDatabase(config);
    assert.equal(again.holder, undefined, 'a holder already runs: the second share is its client');
    assert.equal((await sql<{ n: number }>`select count(*)::int as n from channel`.execute(again.database.db)).rows[0]?.n, 1);
    await again.close();
  } finally {
    await shared.close();
  }
  assert.equal(existsSync(join(home, 'holder', '.s.PGSQL.5432')), false);
  const status = await cliProcess(['db', 'status', '--json'], embeddedEnv(home));
  assert.equal(json<{ access: string }>(status).access, 'direct');
});

test('the holder keeps nothing of the rows it served: a long-running server does not grow with every query', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const home = made.fresh('rows');
  const shared = await shareEmbeddedDatabase({ dialect: 'pglite', dataDir: join(home, 'db') });
  try {
    const rows = () => sql`select repeat('x', 200000) as s from generate_series(1, 50)`.execute(shared.database.db);
    await rows(); // warm: pools, parsers, caches
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 5; i++) await rows(); // 50 MB of rows served
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 20e6, `the heap grew by ${Math.round(grown / 1e6)} MB after serving 50 MB of rows`);
  } finally {
    await shared.close();
  }
});

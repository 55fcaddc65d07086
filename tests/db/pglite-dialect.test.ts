// The embedded dialect must never let a query outside a transaction run inside it (NOTES.md's silent data loss).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Database } from '../../src/db/open-database.js';
import { openThrowawayDatabase } from '../../src/db/throwaway-database.js';
import { testCacheDir } from '../support/test-databases.js';

let database: Database;
before(async () => {
  database = await openThrowawayDatabase({ dialect: 'pglite', dataDir: 'memory://' }, { cacheDir: testCacheDir });
});
after(() => database.close());

const row = (id: string, number: string) => ({
  id,
  name: id,
  number,
  grid_block_minutes: 30,
  block_start_offsets_minutes: [0],
  programming_day_start: '06:00',
  timezone: 'UTC',
});

test('a write outside an open transaction waits for it and survives its rollback', async () => {
  const { db } = database;
  let releaseTransaction!: () => void;
  const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
  const transaction = db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('channel').values(row('inside', '1')).execute();
      await held;
      throw new Error('roll back');
    })
    .catch((error: Error) => error.message);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const outside = db.insertInto('channel').values(row('outside', '2')).execute();
  releaseTransaction();
  assert.equal(await transaction, 'roll back');
  await outside;
  const ids = (await db.selectFrom('channel').select('id').execute()).map((r) => r.id);
  assert.deepEqual(ids, ['outside']);
});

test('concurrent queries all complete, in order of arrival', async () => {
  const { db } = database;
  await db.deleteFrom('channel').execute();
  await Promise.all(Array.from({ length: 20 }, (_, i) => db.insertInto('channel').values(row(`c${i}`, String(i + 10))).execute()));
  const count = await db.selectFrom('channel').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 20);
});

// Throwaway databases on the Postgres server: one a killed process left behind is dropped by the next
// start; one in use, or just made, is never touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/open-database.js';
import { openThrowawayDatabase } from '../../src/db/throwaway-database.js';
import { testCacheDir, testServerUrl } from '../support/test-databases.js';

const skip = process.env['RETROVUE_TEST_DATABASES'] === 'pglite' ? 'RETROVUE_TEST_DATABASES=pglite: no Postgres server run' : undefined;

test('a scratch database left by a killed --test-db command is dropped on the next start; fresh or in-use ones are kept', { skip }, async () => {
  const admin = await openDatabase({ dialect: 'postgres', url: testServerUrl });
  const now = (await sql<{ now: number }>`select floor(extract(epoch from now()))::int as now`.execute(admin.db)).rows[0]?.now ?? 0;
  const leaked = `retrovue_tmp_1_${now - 3600}_0badc0de`;
  const oldInUse = `retrovue_tmp_2_${now - 3600}_11111111`;
  const fresh = `retrovue_tmp_3_${now - 5}_0f7e5400`;
  const exists = async (name: string) =>
    ((await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(admin.db)).rows[0]?.n ?? 0) === 1;
  const url = new URL(testServerUrl);
  url.pathname = `/${oldInUse}`;
  const owner = new pg.Client({ connectionString: url.toString() });
  try {
    for (const name of [leaked, oldInUse, fresh]) await sql`create database ${sql.id(name)}`.execute(admin.db);
    await owner.connect(); // a live process still using its (long-lived) scratch database
    const next = await openThrowawayDatabase({ dialect: 'postgres', url: testServerUrl }, { cacheDir: testCacheDir, migrated: false });
    const nextName = new URL((next.config as { url: string }).url).pathname.slice(1);
    await next.close();
    assert.equal(await exists(leaked), false, 'the hour-old scratch database nobody uses is gone');
    assert.equal(await exists(oldInUse), true, 'an old one still in use is kept');
    assert.equal(await exists(fresh), true, 'one made seconds ago is kept');
    assert.equal(await exists(nextName), false, 'closing a throwaway database drops it');
  } finally {
    await owner.end().catch(() => {});
    for (const name of [leaked, oldInUse, fresh]) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  }
});

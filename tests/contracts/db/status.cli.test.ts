// CLI contract tests for `retrovue db status` (contracts/db/status.yaml).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { knownMigrations } from '../../../src/db/migrations.js';
import { openDatabase } from '../../../src/db/open-database.js';
import { cli, cliProcess, json } from '../../support/cli.js';
import { forEachDatabase, testServerUrl } from '../../support/test-databases.js';

interface Status {
  dialect: string;
  location: string;
  migrations: Array<{ name: string; applied_at: string | null }>;
  pending: number;
}

forEachDatabase((fx) => {
  test('B-1: prints the dialect, the location and every migration with its applied time', async () => {
    const run = await cli(['db', 'status', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Status>(run);
    assert.equal(doc.dialect, fx.dialect);
    assert.equal(doc.location, fx.database.location);
    assert.deepEqual(doc.migrations.map((m) => m.name), knownMigrations());
    assert.ok(doc.migrations.every((m) => m.applied_at !== null && !Number.isNaN(Date.parse(m.applied_at))));
    assert.equal(doc.pending, 0);
    const text = await cli(['db', 'status'], { database: fx.database });
    assert.match(text.stdout, new RegExp(`dialect\\s+${fx.dialect}`));
    assert.match(text.stdout, /state\s+up to date/);
  });
});

test('B-2: the location never reveals a server password', async () => {
  const url = new URL(testServerUrl);
  url.password = 's3cret-pass';
  const run = await cli(['db', 'status', '--json'], { env: { RETROVUE_DATABASE_URL: url.toString() } });
  assert.equal(run.exitCode, 0, run.stderr);
  const doc = json<Status>(run);
  assert.equal(doc.dialect, 'postgres');
  assert.match(doc.location, /:\*\*\*@127\.0\.0\.1:5432\//);
  assert.doesNotMatch(run.stdout + run.stderr, /s3cret-pass/);
});

test('B-3: a second process opening an embedded database already open gets one line naming the lock file and the recovery, exit 1', async () => {
  const home = mkdtempSync(join(tmpdir(), 'retrovue-lock-'));
  const holder = await openDatabase({ dialect: 'pglite', dataDir: join(home, 'db') });
  try {
    const run = await cliProcess(['db', 'status'], { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      `retrovue: error: embedded database ${join(home, 'db')} is in use by another process (it holds the lock ${join(home, 'db.lock')}, taken by pid ${process.pid} on ${hostname()}); ` +
        'wait for it or stop it (it may run in another container sharing this directory), or set RETROVUE_DATABASE_URL to share a Postgres server; ' +
        'the lock is freed when its process exits, so never delete the file\n',
    );
  } finally {
    await holder.close();
  }
  // Once the holder closes, the database opens normally and is intact.
  const after = await cliProcess(['db', 'status', '--json'], { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined });
  assert.equal(after.exitCode, 0, after.stderr);
  assert.equal(json<Status>(after).dialect, 'pglite');
  rmSync(home, { recursive: true, force: true });
});

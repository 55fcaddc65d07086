// CLI contract tests for `retrovue db status` (contracts/db/status.yaml).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { knownMigrations } from '../../../src/db/migrations.js';
import { openDatabase } from '../../../src/db/open-database.js';
import { cli, cliProcess, json } from '../../support/cli.js';
import { serve } from '../../support/holder.js';
import { migratedDataDir } from '../../support/media-fixtures.js';
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

test('B-3, B-6: a second process opening an embedded database already open gets one line naming the lock file and the recovery, exit 1; status says how it reached the database', async () => {
  const home = mkdtempSync(join(tmpdir(), 'retrovue-lock-'));
  // A migrated copy: any embedded database will do, and a first open (initdb) costs seconds.
  await migratedDataDir(join(home, 'db'));
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
  // Once the holder closes, the database opens normally and is intact, and status says it opened it itself.
  const after = await cliProcess(['db', 'status', '--json'], { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined });
  assert.equal(after.exitCode, 0, after.stderr);
  assert.equal(json<Status>(after).dialect, 'pglite');
  assert.equal(json<Status & { access?: string }>(after).access, 'direct');
  const text = await cliProcess(['db', 'status'], { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined });
  assert.match(text.stdout, /^access\s+direct \(no holder runs; retrovue db serve starts one\)$/m);
  // Through a holder it names the holder's socket and pid (tests/contracts/db/serve.cli.test.ts B-1 runs one).
  const served = await serve(home);
  try {
    const via = json<Status & { access?: string; holder_socket?: string; holder_pid?: number }>(
      await cliProcess(['db', 'status', '--json'], { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined }),
    );
    assert.deepEqual([via.access, via.holder_socket, via.holder_pid], ['holder', served.socket, served.child.pid]);
  } finally {
    served.child.kill('SIGTERM');
    await served.exited;
  }
  rmSync(home, { recursive: true, force: true });
});

test('B-4: on a home with no embedded database yet it says so in one line, exit 1, and creates nothing', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'retrovue-nodb-'));
  const home = join(parent, 'home');
  try {
    const run = await cliProcess(['db', 'status'], { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      `retrovue: error: no embedded database at ${join(home, 'db')} yet; the first command that stores something (or retrovue db migrate) creates it\n`,
    );
    assert.deepEqual(readdirSync(parent), []);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('B-5: a damaged, newer or hand-altered embedded database is refused in one line naming it, exit 1', async () => {
  const root = mkdtempSync(join(tmpdir(), 'retrovue-bad-db-'));
  const made = join(root, 'made');
  const env = (home: string) => ({ RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined });
  try {
    // A sound database to damage: a migrated copy (making one with db migrate costs an initdb).
    await migratedDataDir(join(made, 'db'));
    const variant = (name: string): string => {
      const home = join(root, name);
      cpSync(made, home, { recursive: true });
      return home;
    };
    const refuse = async (home: string, argv: string[], pattern: RegExp) => {
      const run = await cliProcess(argv, env(home));
      assert.equal(run.exitCode, 1, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, pattern);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    };

    const control = variant('control');
    writeFileSync(join(control, 'db', 'global', 'pg_control'), '');
    const damaged = (home: string, why: string) =>
      new RegExp(`^retrovue: error: embedded database ${join(home, 'db')} is damaged \\(${why}\\) and will not open; restore it from a backup, or move it away \\(mv `);
    await refuse(control, ['db', 'status'], damaged(control, 'global/pg_control is truncated'));

    const wal = variant('wal');
    for (const name of readdirSync(join(wal, 'db', 'pg_wal'))) rmSync(join(wal, 'db', 'pg_wal', name), { recursive: true });
    await refuse(wal, ['channel', 'list'], damaged(wal, 'the write-ahead log pg_wal has no segment'));

    const newer = variant('newer');
    const altered = variant('altered');
    for (const [home, change] of [
      [newer, sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', now()::text)`],
      [altered, sql`alter table channel drop column timezone`],
    ] as const) {
      const database = await openDatabase({ dialect: 'pglite', dataDir: join(home, 'db') });
      await change.execute(database.db);
      await database.close();
    }
    await refuse(newer, ['db', 'status'], /^retrovue: error: this database was migrated by a newer RetroVue \(it has migration 9999_from_the_future, unknown to this version\); upgrade RetroVue/);
    await refuse(newer, ['channel', 'list'], /migrated by a newer RetroVue/);
    await refuse(altered, ['channel', 'list'], /^retrovue: error: the database schema was changed outside RetroVue's migrations: table channel lacks column timezone text not null; restore the database from a backup or undo the change\n$/);
    await refuse(altered, ['db', 'status'], /table channel lacks column timezone/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// CLI contract tests for `retrovue db migrate` (contracts/db/migrate.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knownMigrations } from '../../../src/db/migrations.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Migrated {
  dialect: string;
  applied: string[];
  pending: string[];
  dry_run?: boolean;
}

forEachDatabase(
  (fx) => {
    test('B-1: applies every pending migration, prints their names and exits 0', async () => {
      const run = await cli(['db', 'migrate', '--json'], { database: fx.database });
      assert.equal(run.exitCode, 0, run.stderr);
      const doc = json<Migrated>(run);
      assert.equal(doc.dialect, fx.dialect);
      assert.deepEqual(doc.applied, knownMigrations());
      assert.deepEqual(doc.pending, []);
      const text = await cli(['db', 'migrate'], { database: fx.database });
      assert.match(text.stdout, /up to date; nothing to apply/);
    });

    test('B-2: on an up-to-date database applies nothing and exits 0', async () => {
      assert.equal((await cli(['db', 'migrate'], { database: fx.database })).exitCode, 0);
      const again = await cli(['db', 'migrate', '--json'], { database: fx.database });
      assert.equal(again.exitCode, 0, again.stderr);
      assert.deepEqual(json<Migrated>(again).applied, []);
    });

    test('B-3: --dry-run lists the pending migrations and applies none', async () => {
      const run = await cli(['db', 'migrate', '--dry-run', '--json'], { database: fx.database });
      assert.equal(run.exitCode, 0, run.stderr);
      const doc = json<Migrated>(run);
      assert.deepEqual(doc.pending, knownMigrations());
      assert.deepEqual(doc.applied, []);
      assert.equal(doc.dry_run, true);
      const status = json<{ pending: number }>(await cli(['db', 'status', '--json'], { database: fx.database }));
      assert.equal(status.pending, knownMigrations().length);
    });
  },
  { migrated: false },
);

test('B-4: an unreachable database server exits 3 with one line naming the server', async () => {
  const run = await cli(['db', 'migrate'], { env: { RETROVUE_DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:1/retrovue' } });
  assert.equal(run.exitCode, 3);
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.match(run.stderr, /^retrovue: error: database server postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/retrovue is unreachable: .*ECONNREFUSED/);
  assert.doesNotMatch(run.stderr, /hunter2/);
});

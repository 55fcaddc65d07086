// What every command does before its handler (ensureMigrated): a blank or outdated database is migrated,
// a current one is checked in a single query, and a newer or hand-altered one is refused with the table
// and column named — on both databases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, type KyselyPlugin, Migrator, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { migrationNames } from '../../migrations/names.js';
import { ensureMigrated, knownMigrations, pendingMigrations } from '../../src/db/migrations.js';
import { recordSchema } from '../../src/db/schema-fingerprint.js';
import { forEachDatabase } from '../support/test-databases.js';

test('migrations/names.ts lists every migration of migrations/index.ts, in order', () => {
  assert.deepEqual([...migrationNames], Object.keys(migrations));
  assert.deepEqual(knownMigrations(), [...migrationNames].sort());
});

/** The database seen through a plugin that counts the queries sent. */
function counted(db: Kysely<any>): { db: Kysely<any>; queries: () => number } {
  let queries = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), queries: () => queries };
}

async function recordedColumns(db: Kysely<any>): Promise<Record<string, string[]> | undefined> {
  const { rows } = await sql<{ columns: string }>`select columns from retrovue_schema_record where id = 1`.execute(db);
  return rows[0] === undefined ? undefined : (JSON.parse(rows[0].columns) as Record<string, string[]>);
}

forEachDatabase(
  (fx) => {
    test('a blank database is migrated in full and its schema recorded; once current, one query checks it', async () => {
      const { db } = fx.database;
      await ensureMigrated(db);
      assert.deepEqual(await pendingMigrations(db), []);
      assert.ok((await recordedColumns(db))?.['channel']?.includes('timezone text not null'));
      const seen = counted(db);
      await ensureMigrated(seen.db);
      assert.equal(seen.queries(), 1);
    });

    test('a database one migration behind gets it, and the record then holds its columns', async () => {
      const { db } = fx.database;
      const provider = { getMigrations: async () => migrations };
      const { error } = await new Migrator({ db, provider }).migrateTo('0010_asset_subtitles');
      assert.equal(error, undefined);
      await recordSchema(db);
      assert.ok(!(await recordedColumns(db))?.['channel']?.some((c) => c.startsWith('loudness_target_lufs ')));
      await ensureMigrated(db);
      assert.deepEqual(await pendingMigrations(db), []);
      assert.ok((await recordedColumns(db))?.['channel']?.some((c) => c.startsWith('loudness_target_lufs ')));
    });

    test('a newer or hand-altered database is refused naming the migration or the column; a missing record is made', async () => {
      const { db } = fx.database;
      await ensureMigrated(db);
      await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', now()::text)`.execute(db);
      await assert.rejects(ensureMigrated(db), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'database_unusable');
        assert.match(error.message, /^this database was migrated by a newer RetroVue \(it has migration 9999_from_the_future, unknown to this version\); upgrade RetroVue/);
        return true;
      });
      await sql`delete from kysely_migration where name = '9999_from_the_future'`.execute(db);
      await sql`alter table channel drop column timezone`.execute(db);
      await assert.rejects(ensureMigrated(db), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'database_unusable');
        assert.equal(
          error.message,
          "the database schema was changed outside RetroVue's migrations: table channel lacks column timezone text not null; restore the database from a backup or undo the change",
        );
        return true;
      });
      await sql`delete from retrovue_schema_record`.execute(db);
      await ensureMigrated(db);
      assert.ok((await recordedColumns(db))?.['channel']?.every((c) => !c.startsWith('timezone ')));
    });
  },
  { migrated: false },
);

// Isolated, migrated, throwaway databases for --test-db and the test suite: an in-memory PGlite loaded
// from a cached migrated template (initdb costs seconds, loading a dump far less), or a fresh database
// on the configured Postgres server that is dropped on close.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { type DatabaseConfig, describeLocation } from './database-config.js';
import { knownMigrations, migrateToLatest } from './migrations.js';
import { type Database, openDatabase } from './open-database.js';
import type { Schema } from './schema.js';

export interface ThrowawayOptions {
  /** Where the PGlite template dump is cached between runs. */
  readonly cacheDir: string;
  /** false: a blank database with no migration applied (to test migrating). Default true. */
  readonly migrated?: boolean;
}

/** A short name for this set of migrations: a cached migrated template is named by it (the joined names outgrow a file name). */
export function migrationsFingerprint(): string {
  return createHash('sha256').update(knownMigrations().join('+')).digest('hex').slice(0, 16);
}

export async function openThrowawayDatabase(config: DatabaseConfig, options: ThrowawayOptions): Promise<Database> {
  const migrated = options.migrated ?? true;
  return config.dialect === 'pglite'
    ? openMemoryDatabase(options.cacheDir, migrated)
    : openScratchServerDatabase(config.url, migrated);
}

async function openMemoryDatabase(cacheDir: string, migrated: boolean): Promise<Database> {
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('./pglite-dialect.js')]);
  const templatePath = join(cacheDir, `pglite-template-${migrated ? migrationsFingerprint() : 'blank'}.tar.gz`);
  const cached = existsSync(templatePath);
  const pg = cached
    ? await PGlite.create('memory://', { loadDataDir: new Blob([readFileSync(templatePath)]) })
    : await PGlite.create('memory://');
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pg) });
  if (!cached) {
    if (migrated) await migrateToLatest(db);
    const dump = await pg.dumpDataDir('gzip');
    mkdirSync(cacheDir, { recursive: true });
    const scratch = `${templatePath}.${process.pid}`;
    writeFileSync(scratch, Buffer.from(await dump.arrayBuffer()));
    renameSync(scratch, templatePath); // atomic: concurrent test files never read half a template
  }
  // Kysely destroys only a driver it initialised: a database closed before its first query closes PGlite here.
  const close = async () => {
    await db.destroy();
    if (!pg.closed) await pg.close();
  };
  return { db, config: { dialect: 'pglite', dataDir: 'memory://' }, location: 'memory:// (throwaway)', close };
}

async function openScratchServerDatabase(serverUrl: string, migrated: boolean): Promise<Database> {
  const admin = await openDatabase({ dialect: 'postgres', url: serverUrl });
  try {
    const now = await dropAbandonedScratchDatabases(admin.db);
    const name = `retrovue_tmp_${process.pid}_${now}_${randomBytes(4).toString('hex')}`;
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    return await connectScratch(serverUrl, name, admin, migrated);
  } catch (error) {
    await admin.close();
    throw error;
  }
}

/** Scratch databases older than this, with nobody connected, were left by a killed process. */
const ABANDONED_AFTER_SECONDS = 15 * 60;

/**
 * Drops the scratch databases a killed `--test-db` command or test left behind: those named with a creation
 * time (server clock) over 15 minutes ago that no session uses. Every live scratch database keeps one session
 * open for its whole life (see connectScratch), so "no session" means its owner is gone; one in use refuses
 * the drop anyway, which is ignored. Returns the server's time (epoch seconds) for the new name.
 */
async function dropAbandonedScratchDatabases(db: Kysely<any>): Promise<number> {
  const found = await sql<{ name: string; now: number }>`
    select d.datname as name, floor(extract(epoch from now()))::int as now from pg_database d
    where d.datname like 'retrovue\_tmp\_%'
      and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)
    union all select null, floor(extract(epoch from now()))::int`.execute(db);
  const now = found.rows[found.rows.length - 1]?.now ?? 0;
  for (const { name } of found.rows) {
    if (!name) continue;
    const stamp = /^retrovue_tmp_\d+_(\d{9,})_[0-9a-f]+$/.exec(name)?.[1];
    if (stamp === undefined || now - Number(stamp) < ABANDONED_AFTER_SECONDS) continue;
    await sql`drop database if exists ${sql.id(name)}`.execute(db).catch(() => {});
  }
  return now;
}

async function connectScratch(serverUrl: string, name: string, admin: Database, migrated: boolean): Promise<Database> {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { dialect: 'postgres', url: url.toString() };
  // A session of its own for the database's whole life (a pool closes idle ones), so that no other process
  // mistakes it for abandoned; the server ends it when this process dies, however it dies.
  const { default: pg } = await import('pg');
  const keeper = new pg.Client({ connectionString: url.toString() });
  keeper.on('error', () => {});
  await keeper.connect();
  const scratch = await openDatabase(config);
  if (migrated) await migrateToLatest(scratch.db);
  return {
    db: scratch.db,
    config,
    location: `${describeLocation(config)} (throwaway)`,
    close: async () => {
      try {
        await scratch.close();
        await keeper.end().catch(() => {});
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      } finally {
        await admin.close();
      }
    },
  };
}

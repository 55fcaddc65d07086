// Isolated, migrated, throwaway databases for --test-db and the test suite: an in-memory PGlite loaded
// from a cached migrated template (initdb costs seconds, loading a dump far less), or a fresh database
// on the configured Postgres server that is dropped on close.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely } from 'kysely';
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

export async function openThrowawayDatabase(config: DatabaseConfig, options: ThrowawayOptions): Promise<Database> {
  const migrated = options.migrated ?? true;
  return config.dialect === 'pglite'
    ? openMemoryDatabase(options.cacheDir, migrated)
    : openScratchServerDatabase(config.url, migrated);
}

async function openMemoryDatabase(cacheDir: string, migrated: boolean): Promise<Database> {
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('./pglite-dialect.js')]);
  const templatePath = join(cacheDir, `pglite-template-${migrated ? knownMigrations().join('+') : 'blank'}.tar.gz`);
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
  return { db, config: { dialect: 'pglite', dataDir: 'memory://' }, location: 'memory:// (throwaway)', close: () => db.destroy() };
}

async function openScratchServerDatabase(serverUrl: string, migrated: boolean): Promise<Database> {
  const admin = await openDatabase({ dialect: 'postgres', url: serverUrl });
  const name = `retrovue_tmp_${process.pid}_${randomBytes(4).toString('hex')}`;
  const { sql } = await import('kysely');
  try {
    await sql`create database ${sql.id(name)}`.execute(admin.db);
  } catch (error) {
    await admin.close();
    throw error;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { dialect: 'postgres', url: url.toString() };
  const scratch = await openDatabase(config);
  if (migrated) await migrateToLatest(scratch.db);
  return {
    db: scratch.db,
    config,
    location: `${describeLocation(config)} (throwaway)`,
    close: async () => {
      try {
        await scratch.close();
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      } finally {
        await admin.close();
      }
    },
  };
}

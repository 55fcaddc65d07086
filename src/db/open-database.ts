// Opens the configured database as a Kysely instance: embedded PGlite (locked, initialised atomically)
// or a Postgres server through a pg pool. PGlite and pg are loaded lazily so a command pays only for its own.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import { lockDataDir } from './data-dir-lock.js';
import { type DatabaseConfig, describeLocation } from './database-config.js';
import type { Schema } from './schema.js';

export interface Database {
  readonly db: Kysely<Schema>;
  readonly config: DatabaseConfig;
  /** Printable location (data directory, or server URL without its password). */
  readonly location: string;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.dialect === 'pglite' ? openEmbedded(config.dataDir) : openServer(config.url, config);
}

async function openEmbedded(dataDir: string): Promise<Database> {
  mkdirSync(dirname(dataDir), { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('./pglite-dialect.js')]);
    if (!existsSync(`${dataDir}/PG_VERSION`)) {
      // initdb into a scratch directory and rename it into place: an interrupted first open leaves no half-made database.
      if (existsSync(dataDir)) {
        throw new RetroVueError('internal', `${dataDir} exists but is not a database; move it away and run again`);
      }
      const scratch = `${dataDir}.init-${process.pid}`;
      rmSync(scratch, { recursive: true, force: true });
      const fresh = await PGlite.create(scratch);
      await fresh.close();
      renameSync(scratch, dataDir);
    }
    const pg = await PGlite.create(dataDir);
    const db = new Kysely<Schema>({ dialect: new PGliteDialect(pg) });
    const config: DatabaseConfig = { dialect: 'pglite', dataDir };
    return {
      db,
      config,
      location: describeLocation(config),
      close: async () => {
        try {
          await db.destroy();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openServer(url: string, config: DatabaseConfig): Promise<Database> {
  const [{ default: pg }, { PostgresDialect }] = await Promise.all([import('pg'), import('kysely')]);
  // int8 (counts, sizes) as numbers, matching PGlite; values stay far below 2^53.
  pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the process
  const location = describeLocation(config);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new RetroVueError('unreachable', `database server ${location} is unreachable: ${reason}`, { cause: error });
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, config, location, close: () => db.destroy() };
}

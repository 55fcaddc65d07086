// Opens the configured database as a Kysely instance: embedded PGlite (locked, initialised atomically,
// checked for damage) or a Postgres server through a pg pool. PGlite is loaded lazily so a command pays only
// for its own; pg comes with this module, so a server connection starts at once, and Kysely loads while it
// opens (each its own vendor script in the built binary, see scripts/vendor-script.ts).
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { RetroVueError } from '../core/errors.js';
import { damagedError, damageOf, openFailure, removeAbandonedScratch } from './data-dir-health.js';
import type { DataDirLock } from './data-dir-lock.js';
import { type DatabaseConfig, describeLocation } from './database-config.js';
import { ensureHomeDirectory } from './home-directory.js';
import { closePooled } from './pooled-close.js';
import type { Database } from './database.js';
import type { Schema } from './schema.js';

export type { Database, DatabaseAccess } from './database.js';

type EmbeddedConfig = DatabaseConfig & { dialect: 'pglite' };

export interface OpenOptions {
  /** false: an embedded database that does not exist yet is reported (not_found), not created. Default true. */
  readonly create?: boolean;
  /**
   * How to start `retrovue` (e.g. [node, bin/retrovue.js]): when no holder serves the embedded database, one
   * is started in the background for the next commands (unless RETROVUE_HOLDER=off). Without it, none is.
   */
  readonly holderCommand?: readonly string[];
  /** Connections of a server's pool (default 4; a long-running server process takes RUNTIME_POOL_SIZE). */
  readonly poolSize?: number;
}

/** The pool of a process serving many requests at once (`runtime serve`): room for its DbGate's turns and more. */
export const RUNTIME_POOL_SIZE = 10;

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  return config.dialect === 'pglite' ? openEmbedded(config, options) : openServer(config.url, config, options.poolSize ?? 4);
}

/** Whether an embedded data directory holds a database (PG_VERSION is the last file initdb's rename brings). */
export function embeddedDatabaseExists(dataDir: string): boolean {
  return existsSync(`${dataDir}/PG_VERSION`);
}

async function openEmbedded(config: EmbeddedConfig, options: OpenOptions): Promise<Database> {
  const { dataDir } = config;
  if (options.create === false && !embeddedDatabaseExists(dataDir)) {
    throw new RetroVueError(
      'not_found',
      `no embedded database at ${dataDir} yet; the first command that stores something (or retrovue db migrate) creates it`,
    );
  }
  // A holder (retrovue db serve, runtime serve, or one a previous command left for an idle minute) owns it:
  // be its client. Otherwise leave one behind for the next commands when asked to, or open it here.
  const { awaitBootingHolder, connectToHolder, startBackgroundHolder } = await import('./holder-client.js');
  const viaHolder =
    (await connectToHolder(config)) ??
    (await awaitBootingHolder(config)) ??
    (options.holderCommand && config.holder !== 'off' ? await startBackgroundHolder(config, options.holderCommand) : undefined);
  if (viaHolder) return viaHolder;
  const { pg: pglite, lock } = await openEmbeddedPGlite(config);
  const [{ PGliteDialect }, { Kysely }] = await Promise.all([import('./pglite-dialect.js'), import('./kysely-classes.js')]);
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    config,
    location: describeLocation(config),
    access: { kind: 'direct' },
    close: async () => {
      try {
        await db.destroy();
        // Kysely destroys only a driver it initialised: one closed before its first query leaves PGlite open.
        if (!pglite.closed) await pglite.close();
      } finally {
        lock.release();
      }
    },
  };
}

/**
 * Locks and opens the embedded data directory in this process, creating it on first use: the raw PGlite and
 * the lock, which the caller releases after closing PGlite. `role` is written into the lock file.
 */
export async function openEmbeddedPGlite(config: EmbeddedConfig, role?: string): Promise<{ pg: PGlite; lock: DataDirLock }> {
  const { dataDir } = config;
  ensureHomeDirectory(dirname(dataDir), config.homeFrom ?? 'RETROVUE_HOME');
  const { flockTools, lockDataDir } = await import('./data-dir-lock.js'); // child_process, which a server database never needs
  const lock = lockDataDir(dataDir, flockTools, role);
  try {
    removeAbandonedScratch(dataDir);
    const { PGlite } = await import('@electric-sql/pglite');
    if (!embeddedDatabaseExists(dataDir)) {
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        throw new RetroVueError(
          'database_unusable',
          `${dataDir} exists but is not a database (it has no PG_VERSION); move it away and run again`,
        );
      }
      rmSync(dataDir, { recursive: true, force: true }); // an empty directory someone made: initdb brings its own
      // initdb into a scratch directory and rename it into place: an interrupted first open leaves no half-made database.
      const scratch = `${dataDir}.init-${process.pid}`;
      try {
        const fresh = await PGlite.create(scratch);
        await fresh.close();
        renameSync(scratch, dataDir);
      } catch (error) {
        rmSync(scratch, { recursive: true, force: true });
        throw openFailure(dataDir, error, true);
      }
    }
    const damage = damageOf(dataDir);
    if (damage) throw damagedError(dataDir, damage);
    try {
      return { pg: await PGlite.create(dataDir), lock };
    } catch (error) {
      throw openFailure(dataDir, error, false);
    }
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openServer(url: string, config: DatabaseConfig, poolSize: number): Promise<Database> {
  // int8 (counts, sizes) as numbers, matching PGlite; values stay far below 2^53.
  pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // Connection errors surface on the next query instead of crashing the process, idle and checked-out clients alike.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const location = describeLocation(config);
  const kysely = import('./kysely-classes.js');
  kysely.catch(() => {}); // awaited once connected; an unreachable server is the error to report
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new RetroVueError('unreachable', `database server ${location} is unreachable: ${reason}`, { cause: error });
  }
  const { Kysely, PostgresDialect } = await kysely.catch(async (error: unknown) => {
    await pool.end().catch(() => {}); // a pool left open would keep the process alive
    throw error;
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, config, location, close: () => closePooled(db, pool) };
}

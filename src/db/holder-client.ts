// A command's side of the holder: connect to the holder of an embedded database as a `pg` client, or start
// one in the background (it exits after an idle minute) so that a script of commands boots PGlite once.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import { isConnectionFailure } from './connection-failure.js';
import { isLockHeld, lockRecord } from './data-dir-lock.js';
import { type DatabaseConfig, describeLocation } from './database-config.js';
import { HOLDER_PORT, holderSocketDir, holderSocketFits, holderSocketPath } from './holder-paths.js';
import type { Database } from './database.js';
import { closePooled } from './pooled-close.js';
import type { Schema } from './schema.js';

type EmbeddedConfig = DatabaseConfig & { dialect: 'pglite' };

/** A client of the running holder of `config`'s data directory, or undefined when none answers. */
export async function connectToHolder(config: EmbeddedConfig): Promise<Database | undefined> {
  const socket = holderSocketPath(config.dataDir);
  if (!existsSync(socket)) return undefined;
  const { default: pg } = await import('pg');
  pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10)); // int8 as numbers, as PGlite gives them
  // idleTimeoutMillis 0: idle connections stay open, so a long-lived client (runtime serve) keeps counting
  // as a client and a background holder never stops for idleness under it.
  const pool = new pg.Pool({ host: holderSocketDir(config.dataDir), port: HOLDER_PORT, user: 'retrovue', database: 'retrovue', max: 4, idleTimeoutMillis: 0 });
  // A holder that goes away surfaces as the failing query's error; an 'error' event nobody listens to would
  // instead kill the process mid-command, idle and checked-out clients alike.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch {
    await pool.end().catch(() => {});
    return undefined; // a stale socket of a killed holder: the next holder replaces it
  }
  const record = lockRecord(config.dataDir);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    config,
    location: describeLocation(config),
    access: { kind: 'holder', socket, ...(record?.role === 'holder' ? { pid: record.pid } : {}) },
    close: () => closePooled(db, pool),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `command db serve --idle-timeout N` detached and connects to it once it listens. Undefined when it
 * could not (the caller then opens the database itself, and reports any real problem, such as damage or a
 * command holding the lock, in its own words). Another command racing to start one is fine: the flock lets
 * one holder win and both commands become its clients.
 */
export async function startBackgroundHolder(config: EmbeddedConfig, command: readonly string[]): Promise<Database | undefined> {
  const [program, ...args] = command;
  if (!program || !holderSocketFits(config.dataDir) || config.holder === 'off') return undefined;
  const home = dirname(config.dataDir);
  if (!existsSync(home)) return undefined; // a first run: the direct open makes the home (and says why it can't)
  let exited = false;
  try {
    const log = openSync(join(home, 'holder.log'), 'a', 0o600);
    const child = spawn(program, [...args, 'db', 'serve', '--idle-timeout', String(config.holderIdleSeconds ?? 60)], {
      detached: true, // its own session: the operator's Ctrl-C in this terminal is not for it
      cwd: home, // never pins the operator's working directory (an unmount, a removed folder)
      stdio: ['ignore', 'ignore', log],
      env: { ...process.env, RETROVUE_HOME: home, RETROVUE_DATABASE_URL: '', RETROVUE_HOLDER: 'off' },
    });
    closeSync(log);
    child.on('error', () => (exited = true));
    child.on('exit', () => (exited = true));
    child.unref();
  } catch {
    return undefined;
  }
  // Boot is 1.5–2 s on the project machines; a first open also runs initdb (~6 s). Give up after 60 s.
  let unheld = 0;
  for (let waited = 0; waited < 60_000; waited += 50) {
    const database = await connectToHolder(config);
    if (database) return database;
    // Ours gave up (lost the race to another holder, or the database cannot open): wait only for another
    // holder. Ten looks in a row, as a winner writes its role into the lock file just after taking it.
    unheld = exited && !lockedByHolder(config.dataDir) ? unheld + 1 : 0;
    if (unheld >= 10) return undefined;
    await sleep(50);
  }
  return undefined;
}

/** Whether a holder (perhaps still booting) holds the data directory's lock right now. */
export function lockedByHolder(dataDir: string): boolean {
  return isLockHeld(dataDir) && lockRecord(dataDir)?.role === 'holder';
}

/**
 * A client of the holder that is booting now (it holds the lock but does not listen yet), once it listens;
 * undefined at once when no holder holds the lock.
 */
export async function awaitBootingHolder(config: EmbeddedConfig): Promise<Database | undefined> {
  for (let waited = 0; waited < 60_000 && lockedByHolder(config.dataDir); waited += 50) {
    const database = await connectToHolder(config);
    if (database) return database;
    await sleep(50);
  }
  return undefined;
}

/** Words a lost holder connection as what it is: the holder went away, nothing uncommitted was kept. */
export function holderFailure(database: Database | undefined, error: unknown): RetroVueError | undefined {
  if (database?.access?.kind !== 'holder' || error instanceof RetroVueError) return undefined;
  if (!isConnectionFailure(error)) return undefined;
  const text = error instanceof Error ? error.message : String(error);
  return new RetroVueError(
    'unreachable',
    `the database holder serving ${database.location} (socket ${database.access.socket}) went away during the command (${text.split('\n')[0]}); what it had not committed was rolled back: run the command again`,
    { cause: error },
  );
}

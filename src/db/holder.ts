// The holder: the one process that opens an embedded database and serves it to every other RetroVue
// process over a unix socket (`retrovue db serve`, a background holder a command leaves for an idle minute,
// or `runtime serve` embedding it). Holding the data directory's flock makes two holders impossible.
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { RetroVueError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Database } from './database.js';
import type { DatabaseConfig } from './database-config.js';
import { connectToHolder, startBackgroundHolder } from './holder-client.js';
import { isLockHeld } from './data-dir-lock.js';
import { holderSocketDir, holderSocketFits, holderSocketPath } from './holder-paths.js';
import { openEmbeddedPGlite } from './open-database.js';
import { serveWireProtocol } from './wire-server.js';

export interface Holder {
  /** The unix socket clients connect to (`pg`: host = its directory, port 5432). */
  readonly socketPath: string;
  /** Clients connected now. */
  connections(): number;
  /** Resolves when the holder has stopped, with why. */
  readonly stopped: Promise<'stopped' | 'idle'>;
  /** Disconnects every client (rolling back what they left open), closes the database, frees socket and lock. */
  stop(): Promise<void>;
}

export interface HolderOptions {
  /** Stop after this long without any client; 0 or absent: never. */
  readonly idleTimeoutMs?: number;
  /** Disconnect a client idling in a transaction this long while others wait (default 120 s; 0: never). */
  readonly idleInTransactionMs?: number;
  /** Where the holder says (debug) which client waits on which. */
  readonly log?: Pick<Logger, 'debug'>;
}

/** RETROVUE_HOLDER_IDLE_TRANSACTION_SECONDS, default 120: see HolderOptions.idleInTransactionMs. */
export function idleInTransactionMsFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const seconds = Number(env['RETROVUE_HOLDER_IDLE_TRANSACTION_SECONDS'] ?? '120');
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 120_000;
}

/**
 * Opens the embedded database in this process and serves it. Throws `database_locked` when another process
 * (a holder or a command opening it directly) has it.
 *
 * @example
 * const holder = await startHolder({ dialect: 'pglite', dataDir: '/home/me/.retrovue/db' });
 * … // serves until
 * await holder.stop();
 * (A process that also queries it itself wants shareEmbeddedDatabase below.)
 */
export async function startHolder(config: DatabaseConfig & { dialect: 'pglite' }, options: HolderOptions = {}): Promise<Holder> {
  const { dataDir } = config;
  const socketPath = holderSocketPath(dataDir);
  if (!holderSocketFits(dataDir)) {
    throw new RetroVueError('invalid_input', `the holder socket ${socketPath} would be longer than a unix socket path may be (107 bytes); set RETROVUE_HOME to a shorter path`);
  }
  const { pg, lock } = await openEmbeddedPGlite(config, 'holder');
  let server: Awaited<ReturnType<typeof serveWireProtocol>>;
  try {
    const dir = holderSocketDir(dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    // A socket left by a holder that was killed: we hold the lock, so nobody else can be listening on it.
    if (existsSync(socketPath)) rmSync(socketPath, { force: true });
    server = await serveWireProtocol(pg, socketPath, { idleInTransactionMs: options.idleInTransactionMs ?? 120_000, log: options.log });
    chmodSync(socketPath, 0o600);
  } catch (error) {
    await pg.close().catch(() => {});
    lock.release();
    throw error;
  }

  let resolveStopped: (why: 'stopped' | 'idle') => void = () => {};
  const stopped = new Promise<'stopped' | 'idle'>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const stop = (why: 'stopped' | 'idle' = 'stopped'): Promise<void> => {
    stopping ??= (async () => {
      if (idleTimer) clearTimeout(idleTimer);
      try {
        await server.close();
        await pg.close();
      } finally {
        rmSync(socketPath, { force: true });
        lock.release();
        resolveStopped(why);
      }
    })();
    return stopping;
  };
  const idleTimeoutMs = options.idleTimeoutMs ?? 0;
  const armIdle = (count: number) => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    if (idleTimeoutMs > 0 && count === 0) idleTimer = setTimeout(() => void stop('idle'), idleTimeoutMs);
  };
  server.onConnectionsChange(armIdle);
  armIdle(0);
  return { socketPath, connections: () => server.connections, stopped, stop: () => stop('stopped') };
}

export interface SharedDatabase {
  /** This process's own handle: a client of the holder, like every other command's. */
  readonly database: Database;
  /** The holder this process runs, when it started one (undefined: another process holds it). */
  readonly holder: Holder | undefined;
  /** Closes the handle, then stops the holder this process runs (disconnecting its clients). */
  close(): Promise<void>;
}

/**
 * For a long-running process (`runtime serve`): the embedded database, shared with every other command
 * for as long as this process lives. When a holder already serves it, this process becomes its client;
 * otherwise it holds the database itself and serves it, and reaches it through its own socket, so its
 * queries take turns with the other clients' (a query sent straight to PGlite while a client's transaction
 * is open would run inside that transaction).
 *
 * @example
 * const shared = await shareEmbeddedDatabase({ dialect: 'pglite', dataDir: join(home, 'db') });
 * // …serve viewers with shared.database.db; operators' commands keep working from other shells…
 * await shared.close();
 */
export async function shareEmbeddedDatabase(config: DatabaseConfig & { dialect: 'pglite' }, holderCommand?: readonly string[]): Promise<SharedDatabase> {
  const existing = await connectToHolder(config);
  if (existing) {
    let regained: Holder | undefined;
    const regain = async () => {
      regained ??= await regainHolder(config, holderCommand);
    };
    const close = async () => {
      try {
        await existing.close();
      } finally {
        await regained?.stop();
      }
    };
    return { database: { ...existing, regain, close }, holder: undefined, close };
  }
  const holder = await startHolder(config);
  const database = await connectToHolder(config);
  if (!database) {
    await holder.stop();
    throw new RetroVueError('internal', `the holder started for ${config.dataDir} does not answer on ${holder.socketPath}`);
  }
  return {
    database,
    holder,
    close: async () => {
      try {
        await database.close();
      } finally {
        await holder.stop();
      }
    },
  };
}

/**
 * The holder a client whose holder died puts in its place, once the data directory's lock is free: a
 * background one (its own process) when `holderCommand` says how to start it, else one in this process,
 * returned so the caller stops it. Nothing while another process holds the lock (a new holder booting, or a
 * command). A background holder that gave up is not replaced by one in this process: booting PGlite here
 * would block the event loop that streams the channels on air for a second or more (B-86); the next retry
 * starts another. (One gives up when it loses the lock to another process, or stops for idleness before
 * this one, slow on a loaded machine, connected to it.)
 */
async function regainHolder(config: DatabaseConfig & { dialect: 'pglite' }, holderCommand: readonly string[] | undefined): Promise<Holder | undefined> {
  if (isLockHeld(config.dataDir)) return undefined;
  if (holderCommand !== undefined && config.holder !== 'off') {
    await (await startBackgroundHolder(config, holderCommand))?.close();
    return undefined;
  }
  return startHolder(config).catch((error: unknown) => {
    if (error instanceof RetroVueError && error.code === 'database_locked') return undefined; // another process was quicker
    throw error;
  });
}

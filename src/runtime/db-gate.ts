// The runtime's way to the database, shared by its timers and requests; every use goes through here.
// Chosen by dialect: on a Postgres server the pool serves several pieces of work side by side; embedded
// PGlite is one session, where a query sent while another piece's transaction is open would silently run
// inside it (NOTES.md), so there it is one piece at a time. Either way a piece that waits longer than the
// bound for its turn fails with database_busy (503 to an HTTP client) rather than waiting behind a stuck one.
import type { Kysely } from 'kysely';
import type { DatabaseConfig } from '../db/database-config.js';
import type { Schema } from '../db/schema.js';
import { BoundedTurns } from './bounded-turns.js';
import type { DatabaseOutage } from './database-outage.js';

/** How long a piece of work may wait for its turn by default. */
export const DEFAULT_DB_WAIT_MS = 5000;
/**
 * Pieces of work at once on a Postgres server: below the runtime's pool (RUNTIME_POOL_SIZE in
 * open-database.ts), so a piece that itself runs queries side by side (the horizon's channels) still finds
 * a connection.
 */
export const POOLED_TURNS = 8;

export interface DbGateOptions {
  /** The bound on a piece's wait for its turn (tests shorten it). */
  readonly waitMs?: number;
  /** Pieces at once on a server (tests narrow it); always 1 on PGlite. */
  readonly pooledTurns?: number;
  /** Where the work's connection failures and successes are reported (database_unavailable, one log line per outage). */
  readonly outage?: DatabaseOutage;
}

export class DbGate {
  private readonly turns: BoundedTurns;
  private readonly outage: DatabaseOutage | undefined;

  /** The gate `dialect` needs: serial on embedded PGlite, `pooledTurns` side by side on a server. */
  constructor(private readonly db: Kysely<Schema>, dialect: DatabaseConfig['dialect'], options: DbGateOptions = {}) {
    const capacity = dialect === 'pglite' ? 1 : (options.pooledTurns ?? POOLED_TURNS);
    this.turns = new BoundedTurns(capacity, options.waitMs ?? DEFAULT_DB_WAIT_MS);
    this.outage = options.outage;
  }

  /** Pieces of work that may run at once. */
  get capacity(): number {
    return this.turns.capacity;
  }

  /**
   * Runs `work` in its turn; rejects with database_busy, without running it, when none comes within the bound,
   * and with database_unavailable when the database cannot be reached.
   */
  run<T>(work: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
    const outage = this.outage;
    if (outage === undefined) return this.turns.run(() => work(this.db));
    return this.turns.run(() => work(this.db)).then(
      (result) => {
        outage.reached();
        return result;
      },
      (error: unknown) => {
        throw outage.failed(error);
      },
    );
  }

  /** Resolves once no work runs or waits. */
  idle(): Promise<void> {
    return this.turns.idle();
  }
}

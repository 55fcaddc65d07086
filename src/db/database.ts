// An open database as every command sees it, whichever way it was reached.
import type { Kysely } from 'kysely';
import type { DatabaseConfig } from './database-config.js';
import type { Schema } from './schema.js';

export interface Database {
  readonly db: Kysely<Schema>;
  readonly config: DatabaseConfig;
  /** Printable location (data directory, or server URL without its password). */
  readonly location: string;
  /** How an embedded database was reached: opened here, or through the holder process serving it. */
  readonly access?: DatabaseAccess;
  /**
   * A client of another process's holder: once that holder has died, holds the database in this process
   * (the same socket, so this handle's connections reach it); does nothing while another holder has it.
   */
  readonly regain?: () => Promise<void>;
  close(): Promise<void>;
}

export type DatabaseAccess = { readonly kind: 'direct' } | { readonly kind: 'holder'; readonly socket: string; readonly pid?: number };


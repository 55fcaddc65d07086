// What a handler receives and returns. Handlers are the library behind the generated commands: they
// never print, never exit, write only through the context's database handle, and take everything from
// the outside world (plugins, working directory, environment, clock) from the context, never from globals.
import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { ExitCode } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Env } from '../db/database-config.js';
import type { Database } from '../db/open-database.js';
import type { Schema } from '../db/schema.js';
import type { PluginRegistries } from '../plugins/plugin-registries.js';

export interface BaseCommandContext {
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly json: boolean;
  readonly env: Env;
  readonly clock: Clock;
  /** The operator's working directory: relative paths they type resolve against it. */
  readonly cwd: string;
  /** The importers, enrichers and producers this command may use. */
  readonly plugins: PluginRegistries;
  readonly log: Logger;
  /** Long work reports progress here (stderr); never stdout. */
  readonly stderr: NodeJS.WritableStream;
  readonly stderrIsTTY: boolean;
  /** The operator's standard input, for a command told to read a document from `-`. */
  readonly stdin: NodeJS.ReadableStream;
  /** Aborted on Ctrl-C (SIGINT): long work stops taking new items and keeps what it finished. */
  readonly signal: AbortSignal;
  /**
   * Resolves when a destructive `action` may go ahead: under --force or --dry-run at once, on a TTY after an
   * explicit yes; otherwise throws `refused`.
   */
  confirm(action: string): Promise<void>;
}

/** Handlers of `database: transaction` commands: `db` is the command's one transaction. */
export interface TransactionContext extends BaseCommandContext {
  readonly db: Kysely<Schema>;
}

/** Handlers of `database: connection` commands (db migrate/status) and `batched` ones (ingest) get the database itself. */
export interface ConnectionContext extends BaseCommandContext {
  readonly database: Database;
}

export interface CommandResult<Output = unknown> {
  /** The --json document; its type is the contract's output schema (generated/contract-types.ts). */
  readonly data: Output;
  /** What a person reads without --json. */
  readonly text: string;
  /** Defaults to 0; 2 signals partial success. */
  readonly exitCode?: ExitCode;
}

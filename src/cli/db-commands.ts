// Handlers of `retrovue db …`: migration state and explicit migration, on the raw database. They live with
// the CLI, which opens and migrates the database for every command, because the db floor itself holds no
// handlers (it sits below the command floor they stand on).
import type {
  DbMigrateInput,
  DbMigrateOutput,
  DbServeInput,
  DbServeOutput,
  DbStatusInput,
  DbStatusOutput,
} from '../../generated/contract-types.js';
import type { BaseCommandContext, CommandResult, ConnectionContext } from '../command/command-context.js';
import { RetroVueError } from '../core/errors.js';
import { databaseConfigFromEnv } from '../db/database-config.js';
import { idleInTransactionMsFromEnv, startHolder } from '../db/holder.js';
import { textTable } from '../command/text-table.js';
import { migrateToLatest, migrationStates, pendingMigrations } from '../db/migrations.js';
import { verifySchema } from '../db/schema-fingerprint.js';

export async function databaseStatus(ctx: ConnectionContext, _input: DbStatusInput): Promise<CommandResult<DbStatusOutput>> {
  const { database } = ctx;
  const states = await migrationStates(database.db);
  await verifySchema(database.db, false);
  const migrations = states.map((m) => ({ name: m.name, applied_at: m.appliedAt?.toISOString() ?? null }));
  const pending = states.filter((m) => m.appliedAt === null).length;
  const access = database.access;
  const accessData =
    access?.kind === 'holder'
      ? { access: 'holder' as const, holder_socket: access.socket, ...(access.pid === undefined ? {} : { holder_pid: access.pid }) }
      : access?.kind === 'direct'
        ? { access: 'direct' as const }
        : {};
  const accessLine =
    access?.kind === 'holder'
      ? [`access    holder${access.pid === undefined ? '' : ` pid ${access.pid}`} at ${access.socket}`]
      : access?.kind === 'direct'
        ? ['access    direct (no holder runs; retrovue db serve starts one)']
        : [];
  const text = [
    `dialect   ${database.config.dialect}`,
    `location  ${database.location}`,
    ...accessLine,
    `state     ${pending === 0 ? 'up to date' : `${pending} migration(s) pending; run retrovue db migrate`}`,
    '',
    textTable(['MIGRATION', 'APPLIED'], migrations.map((m) => [m.name, m.applied_at ?? 'pending'])),
  ].join('\n');
  return { data: { dialect: database.config.dialect, location: database.location, migrations, pending, ...accessData }, text };
}

export async function migrateDatabase(ctx: ConnectionContext, _input: DbMigrateInput): Promise<CommandResult<DbMigrateOutput>> {
  const { database } = ctx;
  const before = await pendingMigrations(database.db);
  const applied = ctx.dryRun ? [] : await migrateToLatest(database.db);
  const pending = ctx.dryRun ? before : await pendingMigrations(database.db);
  const text = ctx.dryRun
    ? before.length === 0
      ? 'up to date; nothing would be applied'
      : `would apply ${before.join(', ')}`
    : applied.length === 0
      ? 'up to date; nothing to apply'
      : `applied ${applied.join(', ')}`;
  return { data: { dialect: database.config.dialect, location: database.location, applied, pending }, text };
}

/**
 * `retrovue db serve`: holds the embedded database until SIGINT/SIGTERM (or --idle-timeout seconds without a
 * client) and serves it on its socket; every other command becomes its client (src/db/holder-client.ts).
 */
export async function serveDatabase(ctx: BaseCommandContext, input: DbServeInput): Promise<CommandResult<DbServeOutput>> {
  const config = databaseConfigFromEnv(ctx.env);
  if (config.dialect !== 'pglite') {
    throw new RetroVueError('invalid_input', 'db serve holds the embedded database; RETROVUE_DATABASE_URL selects a server, which needs no holder (unset it to serve the embedded one)');
  }
  const holder = await startHolder(config, { idleTimeoutMs: input.idleTimeout * 1000, idleInTransactionMs: idleInTransactionMsFromEnv(ctx.env), log: ctx.log });
  ctx.stderr.write(`serving ${config.dataDir} on ${holder.socketPath} (pid ${process.pid}); Ctrl-C stops\n`);
  let stoppedBy: 'signal' | 'idle' = 'signal';
  const onSignal = () => void holder.stop();
  process.on('SIGTERM', onSignal);
  ctx.signal.addEventListener('abort', onSignal, { once: true });
  try {
    if ((await holder.stopped) === 'idle') stoppedBy = 'idle';
  } finally {
    process.off('SIGTERM', onSignal);
    ctx.signal.removeEventListener('abort', onSignal);
  }
  const data = { location: config.dataDir, socket: holder.socketPath, pid: process.pid, stopped_by: stoppedBy };
  return { data, text: stoppedBy === 'idle' ? `stopped after ${input.idleTimeout} s without a client` : 'stopped' };
}

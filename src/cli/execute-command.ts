// The one way a generated command runs: open the database the contract asks for, run the handler
// (inside one transaction, rolled back under --dry-run), check the output against the contract, print.
import { systemClock } from '../core/clock.js';
import { RetroVueError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { databaseConfigFromEnv, retrovueHome } from '../db/database-config.js';
import { holderFailure } from '../db/holder-client.js';
import { ensureMigrated } from '../db/migrations.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { openThrowawayDatabase } from '../db/throwaway-database.js';
import type { CliContext } from './cli-context.js';
import { noColourRequested } from './colour.js';
import type { BaseCommandContext, CommandResult, ConnectionContext, TransactionContext } from '../command/command-context.js';
import type { CommandSpec, GlobalFlagValues } from './command-spec.js';
import { confirmAction } from './confirm.js';
import { reportError } from './report-error.js';

export function executeTransactionCommand(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  handler: (ctx: TransactionContext) => Promise<CommandResult>,
): Promise<number> {
  return execute(context, spec, flags, async (base, database) => {
    const db = requireDatabase(database).db;
    await ensureMigrated(db);
    const trx = await db.startTransaction().execute();
    try {
      const result = await handler({ ...base, db: trx });
      await (flags.dryRun ? trx.rollback() : trx.commit()).execute();
      return result;
    } catch (error) {
      await trx.rollback().execute().catch(() => {});
      throw error;
    }
  });
}

export function executeConnectionCommand(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  handler: (ctx: ConnectionContext) => Promise<CommandResult>,
): Promise<number> {
  return execute(context, spec, flags, (base, database) => handler({ ...base, database: requireDatabase(database) }));
}

/** Long work (ingest): a migrated database; the handler commits its own atomic batches and honours --dry-run. */
export function executeBatchedCommand(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  handler: (ctx: ConnectionContext) => Promise<CommandResult>,
): Promise<number> {
  return execute(context, spec, flags, async (base, database) => {
    const opened = requireDatabase(database);
    await ensureMigrated(opened.db);
    return handler({ ...base, database: opened });
  });
}

export function executePlainCommand(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  handler: (ctx: BaseCommandContext) => Promise<CommandResult>,
): Promise<number> {
  return execute(context, spec, flags, (base) => handler(base));
}

/** What run-cli puts into every context (the process's own, or the caller's). */
function fromRunCli<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new RetroVueError('internal', `the command context has no ${what}; run commands through runCli`);
  return value;
}

/** `db status` reports a missing embedded database instead of creating one (contracts/db/status.yaml B-4). */
function inspectsOnly(spec: CommandSpec): boolean {
  return spec.noun === 'db' && spec.verb === 'status';
}

function requireDatabase(database: Database | undefined): Database {
  if (!database) throw new RetroVueError('internal', 'command declared a database but none was opened');
  return database;
}

async function execute(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  run: (base: BaseCommandContext, database: Database | undefined) => Promise<CommandResult>,
): Promise<number> {
  const env = context.env as Record<string, string | undefined>;
  const debug = env['RETROVUE_DEBUG'] === '1';
  let opened: Database | undefined;
  try {
    const base = baseContext(context, flags);
    let database = context.database;
    if (!database && spec.database !== 'none') {
      const config = databaseConfigFromEnv(env);
      opened = flags.testDb
        ? await openThrowawayDatabase(config, { cacheDir: `${retrovueHome(env)}/cache` })
        : await openDatabase(config, { create: !inspectsOnly(spec), holderCommand: context.holderCommand });
      database = opened;
    }
    const result = await run(base, database);
    printResult(context, spec, flags, result);
    return result.exitCode ?? 0;
  } catch (error) {
    return reportError(holderFailure(opened, error) ?? error, { stderr: context.stderr, json: flags.json, debug });
  } finally {
    await opened?.close().catch(() => {}); // a holder that went away cannot be closed cleanly; its error is reported above
  }
}

function baseContext(context: CliContext, flags: GlobalFlagValues): BaseCommandContext {
  const env = context.env as Record<string, string | undefined>;
  const stderrIsTTY = context.interactive;
  return {
    dryRun: flags.dryRun,
    force: flags.force,
    json: flags.json,
    env,
    clock: context.clock ?? systemClock,
    cwd: fromRunCli(context.cwd, 'cwd'),
    plugins: fromRunCli(context.plugins, 'plugins'),
    log: createLogger({ level: env['RETROVUE_LOG_LEVEL'], pretty: stderrIsTTY, colour: stderrIsTTY && !noColourRequested(env) }),
    stderr: context.stderr,
    stderrIsTTY,
    signal: context.signal ?? new AbortController().signal,
    confirm: (action) =>
      confirmAction(action, { ...flags, interactive: context.interactive, stdin: context.stdin, stderr: context.stderr }),
  };
}

function printResult(context: CliContext, spec: CommandSpec, flags: GlobalFlagValues, result: CommandResult): void {
  if (flags.json) {
    const data =
      flags.dryRun && isRecord(result.data) ? { ...result.data, dry_run: true } : result.data;
    if (!spec.validateOutput(data)) {
      const problems = (spec.validateOutput.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
      throw new RetroVueError(
        'contract_violation',
        `${spec.noun} ${spec.verb} produced output that breaks its contract: ${problems.join('; ')}`,
      );
    }
    context.stdout.write(`${JSON.stringify(data)}\n`);
    return;
  }
  if (result.text.length > 0) context.stdout.write(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
  if (flags.dryRun) context.stderr.write('dry run: nothing was changed\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The one way a generated command runs: open the database the contract asks for, run the handler
// (inside one transaction, rolled back under --dry-run), check the output against the contract — before
// the commit, so output that breaks the contract rolls the change back — then print. What only some
// commands need (the holder, a throwaway database, the plugins) is imported when one of them runs, and the
// database layer right as the command starts: a server connection opens, and the schema is checked, while
// the rest of the command loads.
import { systemClock } from '../core/clock.js';
import { RetroVueError } from '../core/errors.js';
import { printableText } from '../core/printable.js';
import { createLogger, type Logger } from '../core/logger.js';
import { type DatabaseConfig, databaseConfigFromEnv, retrovueHome } from '../db/database-config.js';
import { type Database, openDatabase, RUNTIME_POOL_SIZE } from '../db/open-database.js';
import type { CliContext } from './cli-context.js';
import { noColourRequested } from './colour.js';
import type { BaseCommandContext, CommandResult, ConnectionContext, TransactionContext } from '../command/command-context.js';
import type { CommandSpec, GlobalFlagValues, OutputValidator } from './command-spec.js';
import { confirmAction } from './confirm.js';
import type { PluginRegistries } from '../plugins/plugin-registries.js';
import { reportError } from './report-error.js';

export function executeTransactionCommand(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  handler: (ctx: TransactionContext) => Promise<CommandResult>,
): Promise<number> {
  return execute(context, spec, flags, MIGRATED, async (base, database, check) => {
    const db = requireDatabase(database).db;
    const trx = await db.startTransaction().execute();
    try {
      const output = check(await handler({ ...base, db: trx }));
      await (flags.dryRun ? trx.rollback() : trx.commit()).execute();
      return output;
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
  return execute(context, spec, flags, AS_IS, async (base, database, check) => check(await handler({ ...base, database: requireDatabase(database) })));
}

/** Long work (ingest): a migrated database; the handler commits its own atomic batches and honours --dry-run. */
export function executeBatchedCommand(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  handler: (ctx: ConnectionContext) => Promise<CommandResult>,
): Promise<number> {
  return execute(context, spec, flags, MIGRATED, async (base, database, check) => {
    const opened = requireDatabase(database);
    return check(await handler({ ...base, database: opened }));
  });
}

export function executePlainCommand(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  handler: (ctx: BaseCommandContext) => Promise<CommandResult>,
): Promise<number> {
  return execute(context, spec, flags, AS_IS, async (base, _database, check) => check(await handler(base)));
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

/** Whether a command's database is migrated (and its schema checked) before the handler runs. */
const MIGRATED = true;
const AS_IS = false;

/** The database, migrated: the migrations module loads while the database opens. */
async function migrated(database: Promise<Database>): Promise<void> {
  const [{ ensureMigrated }, opened] = await Promise.all([import('../db/migrations.js'), database]);
  await ensureMigrated(opened.db);
}

async function execute(
  context: CliContext,
  spec: CommandSpec,
  flags: GlobalFlagValues,
  migrate: boolean,
  run: (base: BaseCommandContext, database: Database | undefined, check: (result: CommandResult) => CheckedOutput) => Promise<CheckedOutput>,
): Promise<number> {
  const env = context.env as Record<string, string | undefined>;
  const debug = env['RETROVUE_DEBUG'] === '1';
  let opened: Database | undefined;
  try {
    const log = commandLogger(context); // first: a level it does not know fails the command before anything opens
    // The database first: its connection waits on the network while the plugins (a caller's own, as a test's
    // importer, else the built-in ones, loaded only now that a command runs) and the output validator load.
    const opening = context.database || spec.database === 'none' ? undefined : openFor(context, spec, flags);
    // Migrating (one read when the database is current) starts once it is open, not once the rest has loaded.
    const given = context.database ?? opening;
    const migrating = migrate && given !== undefined ? migrated(Promise.resolve(given)) : undefined;
    migrating?.catch(() => {}); // awaited below, after the open whose failure it repeats
    const loading = Promise.all([pluginsFor(context, spec), spec.outputValidator()]);
    loading.catch(() => {}); // awaited below, where a failure is reported; a database failure first wins
    opened = await opening;
    const database = context.database ?? opened;
    await migrating;
    const [plugins, validate] = await loading;
    const output = await run(baseContext(context, flags, plugins, log), database, (result) => checkedOutput(spec, validate, flags, result));
    printOutput(context, flags, output);
    return output.result.exitCode ?? 0;
  } catch (error) {
    // Only a holder's client can lose its holder; its module is loaded already then.
    const lost = opened?.access?.kind === 'holder' ? (await import('../db/holder-client.js')).holderFailure(opened, error) : undefined;
    return reportError(lost ?? error, { stderr: context.stderr, json: flags.json, debug });
  } finally {
    await opened?.close().catch(() => {}); // a holder that went away cannot be closed cleanly; its error is reported above
  }
}

/**
 * The plugin registries: a caller's own (a test's importer), else the built-in ones, loaded only for a
 * command whose contract says it works with plugins (their modules cost a start ~50 ms). Any other
 * command gets registries that say so when touched, so a contract missing the flag fails loudly.
 */
function pluginsFor(context: CliContext, spec: CommandSpec): Promise<PluginRegistries> {
  if (context.plugins) return Promise.resolve(context.plugins);
  if (spec.usesPlugins === true) return import('../plugins/builtin-plugins.js').then((m) => m.builtinPlugins());
  const undeclared = (): never => {
    throw new RetroVueError('internal', `retrovue ${spec.noun} ${spec.verb} used a plugin, but its contract does not declare plugins: true`);
  };
  const registry = new Proxy({}, { get: undeclared });
  return Promise.resolve({ importers: registry, enrichers: registry, producers: registry } as unknown as PluginRegistries);
}

/** Opens the database the command's contract and flags ask for. */
function openFor(context: CliContext, spec: CommandSpec, flags: GlobalFlagValues): Promise<Database> {
  const env = context.env as Record<string, string | undefined>;
  const config = databaseConfigFromEnv(env);
  if (flags.testDb) return import('../db/throwaway-database.js').then((m) => m.openThrowawayDatabase(config, { cacheDir: `${retrovueHome(env)}/cache` }));
  if (spec.holdsDatabase === true && config.dialect === 'pglite') return holdEmbedded(config, context.holderCommand);
  return openDatabase(config, { create: !inspectsOnly(spec), holderCommand: context.holderCommand, ...(spec.holdsDatabase === true ? { poolSize: RUNTIME_POOL_SIZE } : {}) });
}

/** The shared database as this process's handle; closing it also stops the holder this process runs. */
async function holdEmbedded(config: DatabaseConfig & { dialect: 'pglite' }, holderCommand: readonly string[] | undefined): Promise<Database> {
  const { shareEmbeddedDatabase } = await import('../db/holder.js');
  const shared = await shareEmbeddedDatabase(config, holderCommand);
  return { ...shared.database, close: () => shared.close() };
}

function commandLogger(context: CliContext): Logger {
  const env = context.env as Record<string, string | undefined>;
  const stderrIsTTY = context.interactive;
  return createLogger({ level: env['RETROVUE_LOG_LEVEL'], pretty: stderrIsTTY, colour: stderrIsTTY && !noColourRequested(env) });
}

function baseContext(context: CliContext, flags: GlobalFlagValues, plugins: PluginRegistries, log: Logger): BaseCommandContext {
  const env = context.env as Record<string, string | undefined>;
  const stderrIsTTY = context.interactive;
  return {
    dryRun: flags.dryRun,
    force: flags.force,
    json: flags.json,
    env,
    clock: context.clock ?? systemClock,
    cwd: fromRunCli(context.cwd, 'cwd'),
    plugins,
    log,
    stderr: context.stderr,
    stderrIsTTY,
    stdin: context.stdin,
    signal: context.signal ?? new AbortController().signal,
    confirm: (action) =>
      confirmAction(action, { ...flags, interactive: context.interactive, stdin: context.stdin, stderr: context.stderr }),
  };
}

/** A handler's result with its --json document, already checked against the contract's output schema. */
interface CheckedOutput {
  readonly result: CommandResult;
  readonly document: unknown;
}

/**
 * Checks the document a command will print, in text mode too (the text is rendered from the same data),
 * and throws `contract_violation` when it breaks the contract: inside a transaction that rolls it back.
 */
function checkedOutput(spec: CommandSpec, validate: OutputValidator, flags: GlobalFlagValues, result: CommandResult): CheckedOutput {
  const document = flags.dryRun && isRecord(result.data) ? { ...result.data, dry_run: true } : result.data;
  if (!validate(document)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    throw new RetroVueError(
      'contract_violation',
      `${spec.noun} ${spec.verb} produced output that breaks its contract: ${problems.join('; ')}`,
    );
  }
  return { result, document };
}

function printOutput(context: CliContext, flags: GlobalFlagValues, { result, document }: CheckedOutput): void {
  if (flags.json) {
    context.stdout.write(`${JSON.stringify(document)}\n`);
    return;
  }
  const text = printableText(result.text);
  if (text.length > 0) context.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (flags.dryRun) context.stderr.write('dry run: nothing was changed\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

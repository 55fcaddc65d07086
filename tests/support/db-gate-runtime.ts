// The runtime's database access under test: a Kysely that counts the queries sent through it, a logger
// that keeps its lines, and a ProgramDirector reading a real database through a DbGate (as `runtime serve`
// does), started in process so a test can hold the gate's turns and count what each route costs.
import { sql, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { LogFn } from 'pino';
import type { Logger } from '../../src/core/logger.js';
import type { Schema } from '../../src/db/schema.js';
import { builtinPlugins } from '../../src/plugins/builtin-plugins.js';
import { databaseDirectory } from '../../src/runtime/channel-directory.js';
import type { DbGate } from '../../src/runtime/db-gate.js';
import { playoutPlanSource } from '../../src/runtime/playout-plan-source.js';
import type { ProgramDirectorOptions } from '../../src/runtime/program-director.js';
import assert from 'node:assert/strict';
import { systemClock } from '../../src/core/clock.js';
import { advanceHorizons } from '../../src/scheduling/horizon/horizon.js';
import { blockClip, seedPlayableNetwork } from './runtime-network.js';
import { startDirector, type TestDirector } from './runtime.js';

/** `db` with every query it sends counted (raw `sql` included); BEGIN/COMMIT are not queries of ours. */
export function countingDb(db: Kysely<Schema>): { readonly db: Kysely<Schema>; count(): number } {
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      count++;
      return args.node;
    },
    transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return Promise.resolve(args.result);
    },
  };
  return { db: db.withPlugin(plugin), count: () => count };
}

export interface LogLine {
  readonly level: 'error' | 'warn' | 'info' | 'debug';
  readonly message: string;
}

/** A logger that keeps every line (its message: the string argument). */
export function recordingLogger(lines: LogLine[] = []): Logger & { readonly lines: LogLine[] } {
  const fn = (level: LogLine['level']): LogFn =>
    ((first: unknown, second?: unknown) => {
      lines.push({ level, message: typeof first === 'string' ? first : String(second ?? '') });
    }) as LogFn;
  const logger = { lines, error: fn('error'), warn: fn('warn'), info: fn('info'), debug: fn('debug'), child: () => logger };
  return logger;
}

/** A ProgramDirector on the database behind `gate`, with the built-in plugins, as `runtime serve` builds it. */
export function gatedDirector(gate: DbGate, log: Logger = recordingLogger(), options: Partial<ProgramDirectorOptions> = {}): Promise<TestDirector> {
  return startDirector({ directory: databaseDirectory(gate), planSource: playoutPlanSource(gate, builtinPlugins()), log, tuners: () => 4, ...options });
}

/**
 * A piece of database work stuck for `seconds`: a query sleeping on the server; on PGlite (whose pg_sleep
 * would stop this whole process, wasm being synchronous) an open transaction left waiting.
 */
export function stuckFor(fx: { readonly dialect: string }, db: Kysely<Schema>, seconds: number): Promise<unknown> {
  if (fx.dialect === 'postgres') return sql`select pg_sleep(${seconds})`.execute(db);
  return db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  });
}

/** Channels on air today, their schedule and a little playlog built (as the horizon timer would). */
export async function onAirNetwork(db: Kysely<Schema>, ids: readonly string[]): Promise<void> {
  const clip = await blockClip();
  await seedPlayableNetwork(db, ids.map((id) => ({ id, clip })));
  const reports = await advanceHorizons(db, { epgDays: 1, playlogHours: 1, nowMs: systemClock.now() });
  assert.deepEqual(reports.filter((r) => r.error !== null), []);
}

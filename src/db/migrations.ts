// Applies the one set of Kysely migrations to either dialect, and reports their state cheaply.
import { type Kysely, type MigrationResult, Migrator, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { RetroVueError } from '../core/errors.js';
import { recordSchema, verifySchema } from './schema-fingerprint.js';

export interface MigrationState {
  readonly name: string;
  readonly appliedAt: Date | null;
}

const provider = { getMigrations: async () => migrations };

export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}

/** Every known migration with the time it was applied (null while pending). One query; writes nothing. */
export async function migrationStates(db: Kysely<any>): Promise<MigrationState[]> {
  const exists = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  const applied = new Map<string, Date>();
  if (exists.rows[0]?.present) {
    const rows = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration`.execute(db);
    for (const row of rows.rows) applied.set(row.name, new Date(row.timestamp));
  }
  const known = new Set(knownMigrations());
  const unknown = [...applied.keys()].filter((name) => !known.has(name)).sort();
  if (unknown.length > 0) {
    throw new RetroVueError(
      'database_unusable',
      `this database was migrated by a newer RetroVue (it has migration ${unknown.join(', ')}, unknown to this version); upgrade RetroVue, or use a database of this version`,
    );
  }
  return knownMigrations().map((name) => ({ name, appliedAt: applied.get(name) ?? null }));
}

export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  return (await migrationStates(db)).filter((m) => m.appliedAt === null).map((m) => m.name);
}

/** Applies every pending migration in one transaction; returns the names applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new RetroVueError('internal', `migration ${failed} failed and nothing of it was applied: ${reason}`, { cause: error });
  }
  await recordSchema(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Migrates on first use; when the database is already current, a few reads: its migrations are all known
 * to this version, and its schema is the one they made.
 */
export async function ensureMigrated(db: Kysely<any>): Promise<void> {
  if ((await pendingMigrations(db)).length > 0) await migrateToLatest(db);
  else await verifySchema(db, true);
}

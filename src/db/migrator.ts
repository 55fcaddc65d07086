// Kysely's Migrator over the one set of migrations: loaded only when a migration is applied, so a command
// on a current database parses neither the Migrator nor the migrations (src/db/migrations.ts decides).
import { type Kysely, type MigrationResult, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { migrationNames } from '../../migrations/names.js';
import { RetroVueError } from '../core/errors.js';

const provider = { getMigrations: async () => migrations };

/** Applies every pending migration in one transaction; returns the names applied. */
export async function applyPendingMigrations(db: Kysely<any>): Promise<string[]> {
  if (Object.keys(migrations).join() !== migrationNames.join()) {
    throw new RetroVueError('internal', 'migrations/names.ts and migrations/index.ts list different migrations; list each migration in both, in order');
  }
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new RetroVueError('internal', `migration ${failed} failed and nothing of it was applied: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

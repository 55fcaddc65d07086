// Handlers of `retrovue db …`: migration state and explicit migration, on the raw database.
import type { DbMigrateInput } from '../../generated/commands/db-migrate.js';
import type { DbStatusInput } from '../../generated/commands/db-status.js';
import type { CommandResult, ConnectionContext } from '../cli/command-context.js';
import { textTable } from '../cli/text-table.js';
import { migrateToLatest, migrationStates, pendingMigrations } from './migrations.js';

export async function databaseStatus(ctx: ConnectionContext, _input: DbStatusInput): Promise<CommandResult> {
  const { database } = ctx;
  const states = await migrationStates(database.db);
  const migrations = states.map((m) => ({ name: m.name, applied_at: m.appliedAt?.toISOString() ?? null }));
  const pending = states.filter((m) => m.appliedAt === null).length;
  const text = [
    `dialect   ${database.config.dialect}`,
    `location  ${database.location}`,
    `state     ${pending === 0 ? 'up to date' : `${pending} migration(s) pending; run retrovue db migrate`}`,
    '',
    textTable(['MIGRATION', 'APPLIED'], migrations.map((m) => [m.name, m.applied_at ?? 'pending'])),
  ].join('\n');
  return { data: { dialect: database.config.dialect, location: database.location, migrations, pending }, text };
}

export async function migrateDatabase(ctx: ConnectionContext, _input: DbMigrateInput): Promise<CommandResult> {
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

// Handlers of `retrovue db …`: migration state and explicit migration, on the raw database. They live with
// the CLI, which opens and migrates the database for every command, because the db floor itself holds no
// handlers (it sits below the command floor they stand on).
import type { DbMigrateInput, DbMigrateOutput, DbStatusInput, DbStatusOutput } from '../../generated/contract-types.js';
import type { CommandResult, ConnectionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { migrateToLatest, migrationStates, pendingMigrations } from '../db/migrations.js';
import { verifySchema } from '../db/schema-fingerprint.js';

export async function databaseStatus(ctx: ConnectionContext, _input: DbStatusInput): Promise<CommandResult<DbStatusOutput>> {
  const { database } = ctx;
  const states = await migrationStates(database.db);
  await verifySchema(database.db, false);
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

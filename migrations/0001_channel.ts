// Channels and their programming grid. Grid invariants are also enforced here so no writer can bypass them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channel')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9-]*$'`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) > 0`))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('grid_block_minutes', 'integer', (c) =>
      c.notNull().check(sql`grid_block_minutes > 0 and 1440 % grid_block_minutes = 0`),
    )
    .addColumn('block_start_offsets_minutes', sql`integer[]`, (c) =>
      c.notNull().check(sql`cardinality(block_start_offsets_minutes) > 0`),
    )
    .addColumn('programming_day_start', 'text', (c) =>
      c.notNull().check(sql`programming_day_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    )
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('channel').execute();
}

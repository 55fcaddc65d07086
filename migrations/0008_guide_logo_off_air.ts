// The guide's own facts: a channel's logo (in the database, which several nodes will share, never on one
// node's disk) and the off-air time of a ScheduleDay (time no zone covers, which no programme may claim).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channel_logo')
    .addColumn('channel_id', 'text', (c) => c.primaryKey().references('channel.id').onDelete('cascade'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('channel_logo_size', sql`octet_length(bytes) between 1 and 1048576`)
    .execute();
  // [[startMs, endMs], …]: days built before this migration have none (their avails stay breaks).
  await db.schema.alterTable('schedule_day').addColumn('off_air', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('schedule_day').dropColumn('off_air').execute();
  await db.schema.dropTable('channel_logo').execute();
}

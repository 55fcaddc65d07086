// The as-run log: every segment that actually aired on a channel, as the runtime saw it (scheduled vs
// actual start, end, in-point, outcome). Append-only; kept when a channel is removed (it is history).
import { type Kysely, sql } from 'kysely';

export const asRunStatuses = ['aired', 'truncated', 'substituted', 'error'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('as_run')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('playlog_event_id', 'text')
    .addColumn('asset_id', 'uuid')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scheduled_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('actual_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('in_point_ms', 'bigint', (c) => c.notNull().check(sql`in_point_ms >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in (${asRunStatuses.map((s) => `'${s}'`).join(', ')})`)))
    .addColumn('reason', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('as_run_ends_after_start', sql`end_ms >= actual_start_ms`)
    .execute();
  await db.schema.createIndex('as_run_channel_start').on('as_run').columns(['channel_id', 'actual_start_ms']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('as_run').execute();
}

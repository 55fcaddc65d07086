// Playout: Producer instances (a channel names the one that builds its plans; none means the built-in
// `schedule` producer), the playout enrichers attached to a channel in order, and the renditions of an
// asset normalised to an output profile (valid while the source file keeps the size and mtime recorded).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('producer')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9_-]*$'`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('config', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('channel')
    .addColumn('producer_id', 'text', (c) => c.references('producer.id').onDelete('restrict'))
    .execute();

  await db.schema
    .createTable('channel_enricher')
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channel.id').onDelete('cascade'))
    .addColumn('enricher_id', 'text', (c) => c.notNull().references('enricher.id').onDelete('restrict'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addPrimaryKeyConstraint('channel_enricher_pk', ['channel_id', 'enricher_id'])
    .addUniqueConstraint('channel_enricher_position', ['channel_id', 'position'])
    .execute();

  await db.schema
    .createTable('asset_rendition')
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('asset.id').onDelete('cascade'))
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn('duration_ms', 'bigint', (c) => c.notNull().check(sql`duration_ms > 0`))
    /** The source file as it was when the rendition was made: a different size or mtime invalidates it. */
    .addColumn('source_size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('source_mtime_ms', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('asset_rendition_pk', ['asset_id', 'profile'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('asset_rendition').execute();
  await db.schema.dropTable('channel_enricher').execute();
  await db.schema.alterTable('channel').dropColumn('producer_id').execute();
  await db.schema.dropTable('producer').execute();
}

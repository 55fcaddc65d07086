// The catalog: Sources, their Collections, Assets with their ProviderRefs, and ingest Enricher instances
// attached to collections in order. Built-in enricher instances (ffprobe, filename) are seeded here.
import { type Kysely, sql } from 'kysely';

/**
 * The built-in enricher instances this migration seeds, in the order a newly discovered collection gets them
 * attached. The code reads its defaults from here (src/catalog/enricher-repository.ts), so the list exists once;
 * like the rest of a landed migration it never changes: new defaults would come with a new migration.
 */
export const seededEnrichers = [
  { id: 'ffprobe', type: 'ffprobe', kind: 'ingest' },
  { id: 'filename', type: 'filename', kind: 'ingest' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('source')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`name ~ '^[a-z0-9][a-z0-9_-]*$'`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('config', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('collection')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('external_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_path', 'text', (c) => c.notNull())
    .addColumn('ingest_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('local_paths', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('collection_source_key', ['source_id', 'external_key'])
    .addUniqueConstraint('collection_source_name', ['source_id', 'name'])
    .execute();

  await db.schema
    .createTable('asset')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('collection_id', 'uuid', (c) => c.notNull().references('collection.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('relative_path', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('mtime_ms', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('new', 'ready', 'invalid', 'missing')`))
    .addColumn('invalid_reason', 'text')
    .addColumn('duration_ms', 'bigint', (c) => c.check(sql`duration_ms is null or duration_ms > 0`))
    .addColumn('container', 'text')
    .addColumn('video', 'jsonb')
    .addColumn('audio', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('chapters', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('series', 'text')
    .addColumn('season', 'integer')
    .addColumn('episode', 'integer')
    .addColumn('year', 'integer')
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('approved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('operator_fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('enriched_at', 'timestamptz')
    // Which enricher chain (ids, types, configs) produced the asset: a changed chain re-enriches it.
    .addColumn('enriched_with', 'text')
    .addColumn('missing_since', 'timestamptz')
    // Only a probed asset with a duration may be ready: schedules are built on durations.
    .addCheckConstraint('asset_ready_has_duration', sql`state <> 'ready' or duration_ms is not null`)
    .addCheckConstraint('asset_invalid_has_reason', sql`state <> 'invalid' or invalid_reason is not null`)
    .execute();
  await db.schema.createIndex('asset_collection_idx').on('asset').column('collection_id').execute();
  await db.schema.createIndex('asset_series_idx').on('asset').columns(['series', 'season', 'episode']).execute();

  await db.schema
    .createTable('provider_ref')
    .addColumn('asset_id', 'uuid', (c) => c.primaryKey().references('asset.id').onDelete('cascade'))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('importer', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('provider_ref_source_external', ['source_id', 'external_id'])
    .execute();

  await db.schema
    .createTable('enricher')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9_-]*$'`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ingest', 'playout')`))
    .addColumn('config', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('collection_enricher')
    .addColumn('collection_id', 'uuid', (c) => c.notNull().references('collection.id').onDelete('cascade'))
    .addColumn('enricher_id', 'text', (c) => c.notNull().references('enricher.id').onDelete('restrict'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_enricher_pk', ['collection_id', 'enricher_id'])
    .addUniqueConstraint('collection_enricher_position', ['collection_id', 'position'])
    .execute();

  const seeds = seededEnrichers.map((e) => sql`(${e.id}, ${e.type}, ${e.kind}, '{}')`);
  await sql`insert into enricher (id, type, kind, config) values ${sql.join(seeds)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['collection_enricher', 'enricher', 'provider_ref', 'asset', 'collection', 'source']) {
    await db.schema.dropTable(table).execute();
  }
}

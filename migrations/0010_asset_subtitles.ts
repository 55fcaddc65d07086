// An asset's subtitle tracks (embedded streams and sidecar files beside it) and the sidecar files as the
// importer found them (path, size, mtime), so an added, changed or removed sidecar re-enriches the asset.
// Assets enriched before hold none of this (nor audio languages or the video's transfer): forgetting which
// enricher chain made them has the next ingest enrich each of them again (a chain that differs re-enriches).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('asset')
    .addColumn('subtitles', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('sidecars', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`update asset set enriched_with = null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('asset').dropColumn('subtitles').dropColumn('sidecars').execute();
}

// An asset's subtitle tracks (embedded streams and sidecar files beside it) and the sidecar files as the
// importer found them (path, size, mtime), so an added, changed or removed sidecar re-enriches the asset.
// Existing assets get none until their next probe.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('asset')
    .addColumn('subtitles', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('sidecars', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('asset').dropColumn('subtitles').dropColumn('sidecars').execute();
}

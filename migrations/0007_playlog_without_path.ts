// The playlog keeps no copy of an asset's file path: the catalog says where an asset's file is at playout
// time, and an asset it no longer has airs as a substitution with a reason, never from a stale path.
import { type Kysely, sql } from 'kysely';

const assetOrSynthetic = sql`(source_kind = 'asset' and asset_id is not null and in_point_ms is not null and synthetic_kind is null)
  or (source_kind = 'synthetic' and asset_id is null and synthetic_kind is not null)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('playlog_event').dropConstraint('playlog_event_source').execute();
  await db.schema.alterTable('playlog_event').dropColumn('path').execute();
  await db.schema.alterTable('playlog_event').addCheckConstraint('playlog_event_source', assetOrSynthetic).execute();
}

/** The column comes back empty: the copies it held are not restored (the catalog has the paths). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('playlog_event').addColumn('path', 'text').execute();
}

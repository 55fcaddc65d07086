// The source's version of each asset's item (a media server's updated-at), so a re-ingest skips the items
// the server has not changed and re-reads the ones it has. Items of sources that keep no versions (a
// folder) leave it null; their size and mtime say whether they changed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('provider_ref').addColumn('external_version', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('provider_ref').dropColumn('external_version').execute();
}

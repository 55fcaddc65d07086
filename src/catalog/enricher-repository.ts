// Enricher instance persistence: the only place that reads or writes the enricher table (which collections
// an instance is attached to is the collection's chain: collection-repository.ts).
import type { Kysely } from 'kysely';
import { seededEnrichers } from '../../migrations/0002_catalog.js';
import { RetroVueError } from '../core/errors.js';
import type { EnricherRow, NewEnricherRow, Schema } from '../db/schema.js';

/** The built-in ingest enricher instances, as the catalog migration seeded them: every new collection gets this chain. */
export const defaultIngestEnricherIds: readonly string[] = seededEnrichers.map((e) => e.id);

export function findEnricher(db: Kysely<Schema>, id: string): Promise<EnricherRow | undefined> {
  return db.selectFrom('enricher').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function requireEnricher(db: Kysely<Schema>, id: string): Promise<EnricherRow> {
  const row = await findEnricher(db, id);
  if (!row) throw new RetroVueError('not_found', `enricher "${id}" does not exist; see retrovue enricher list`);
  return row;
}

export function listEnricherRows(db: Kysely<Schema>): Promise<EnricherRow[]> {
  return db.selectFrom('enricher').selectAll().orderBy('id').execute();
}

export function insertEnricher(db: Kysely<Schema>, row: NewEnricherRow): Promise<EnricherRow> {
  return db.insertInto('enricher').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateEnricherConfig(db: Kysely<Schema>, id: string, config: Record<string, unknown>, now: Date): Promise<EnricherRow> {
  return db
    .updateTable('enricher')
    .set({ config: JSON.stringify(config), updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteEnricher(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('enricher').where('id', '=', id).execute();
}

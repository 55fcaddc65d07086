// Producer instance persistence: the only place that reads or writes the producer table.
import type { Kysely, Selectable } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { ProducerTable } from '../db/playout-schema.js';
import type { Schema } from '../db/schema.js';

export type ProducerRow = Selectable<ProducerTable>;

export function findProducer(db: Kysely<Schema>, id: string): Promise<ProducerRow | undefined> {
  return db.selectFrom('producer').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function requireProducer(db: Kysely<Schema>, id: string): Promise<ProducerRow> {
  const row = await findProducer(db, id);
  if (!row) throw new RetroVueError('not_found', `producer "${id}" does not exist; see retrovue producer list`);
  return row;
}

export function listProducerRows(db: Kysely<Schema>): Promise<ProducerRow[]> {
  return db.selectFrom('producer').selectAll().orderBy('id').execute();
}

export function insertProducer(db: Kysely<Schema>, row: { id: string; type: string; config: Record<string, unknown>; now: Date }): Promise<ProducerRow> {
  return db
    .insertInto('producer')
    .values({ id: row.id, type: row.type, config: JSON.stringify(row.config), created_at: row.now, updated_at: row.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteProducer(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('producer').where('id', '=', id).execute();
}

/** Ids of the channels whose plans the producer builds, in order. */
export async function channelsUsingProducer(db: Kysely<Schema>, id: string): Promise<string[]> {
  const rows = await db.selectFrom('channel').select('id').where('producer_id', '=', id).orderBy('id').execute();
  return rows.map((r) => r.id);
}

// Channel persistence: the only place that reads or writes the channel table.
import { type Kysely, sql } from 'kysely';
import { RetroVueError } from '../../core/errors.js';
import type { ChannelRow, ChannelRowUpdate, NewChannelRow, Schema } from '../../db/schema.js';

export function findChannel(db: Kysely<Schema>, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('channel').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findChannelByNumber(db: Kysely<Schema>, number: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('channel').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Channels by id: every one, the enabled ones, or the ones named (enabled or not). */
export function listChannelRows(db: Kysely<Schema>, options: { readonly enabledOnly: boolean; readonly ids?: readonly string[] }): Promise<ChannelRow[]> {
  let query = db.selectFrom('channel').selectAll().orderBy('id');
  if (options.enabledOnly) query = query.where('enabled', '=', true);
  if (options.ids !== undefined) query = options.ids.length === 0 ? query.where(sql<boolean>`false`) : query.where('id', 'in', [...options.ids]);
  return query.execute();
}

export function insertChannel(db: Kysely<Schema>, row: NewChannelRow): Promise<ChannelRow> {
  return db.insertInto('channel').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateChannelRow(db: Kysely<Schema>, id: string, changes: ChannelRowUpdate): Promise<ChannelRow> {
  return db.updateTable('channel').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteChannel(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('channel').where('id', '=', id).execute();
}

/** The channel an operator named, or a not_found error pointing at `channel list`. */
export async function requireChannelRow(db: Kysely<Schema>, id: string): Promise<ChannelRow> {
  const row = await findChannel(db, id);
  if (!row) throw new RetroVueError('not_found', `channel "${id}" does not exist; see retrovue channel list`);
  return row;
}

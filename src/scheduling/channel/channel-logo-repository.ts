// channel_logo: one logo per channel, in the database every node shares (removed with its channel).
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { ChannelLogo, LogoContentType } from './channel-logo.js';

export interface ChannelLogoInfo {
  readonly contentType: LogoContentType;
  readonly size: number;
  readonly sha256: string;
}

export async function setChannelLogo(db: Kysely<Schema>, channelId: string, logo: ChannelLogo, at: Date): Promise<void> {
  const values = { content_type: logo.contentType, bytes: logo.bytes, sha256: logo.sha256, updated_at: at };
  await db.insertInto('channel_logo').values({ channel_id: channelId, ...values }).onConflict((oc) => oc.column('channel_id').doUpdateSet(values)).execute();
}

/** Whether there was one. */
export async function clearChannelLogo(db: Kysely<Schema>, channelId: string): Promise<boolean> {
  const result = await db.deleteFrom('channel_logo').where('channel_id', '=', channelId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function channelLogoInfo(db: Kysely<Schema>, channelId: string): Promise<ChannelLogoInfo | undefined> {
  const row = await db
    .selectFrom('channel_logo')
    .select(['content_type', 'sha256', (eb) => eb.fn<number>('octet_length', ['bytes']).as('size')])
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return row && { contentType: row.content_type as LogoContentType, size: Number(row.size), sha256: row.sha256 };
}

export async function loadChannelLogo(db: Kysely<Schema>, channelId: string): Promise<ChannelLogo | undefined> {
  const row = await db.selectFrom('channel_logo').select(['content_type', 'bytes', 'sha256']).where('channel_id', '=', channelId).executeTakeFirst();
  return row && { contentType: row.content_type as LogoContentType, bytes: row.bytes, sha256: row.sha256 };
}

/** Ids of the channels that have a logo (one query, for a whole guide or playlist). */
export async function channelsWithLogo(db: Kysely<Schema>): Promise<Set<string>> {
  const rows = await db.selectFrom('channel_logo').select('channel_id').execute();
  return new Set(rows.map((r) => r.channel_id));
}

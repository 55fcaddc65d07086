// The playout enrichers attached to a channel, in order: the only place that reads or writes channel_enricher.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

export interface AttachedPlayoutEnricher {
  readonly id: string;
  readonly type: string;
  readonly kind: 'ingest' | 'playout';
  readonly config: Record<string, unknown>;
  readonly position: number;
}

export async function channelEnrichers(db: Kysely<Schema>, channelId: string): Promise<AttachedPlayoutEnricher[]> {
  const rows = await db
    .selectFrom('channel_enricher')
    .innerJoin('enricher', 'enricher.id', 'channel_enricher.enricher_id')
    .select(['enricher.id', 'enricher.type', 'enricher.kind', 'enricher.config', 'channel_enricher.position'])
    .where('channel_enricher.channel_id', '=', channelId)
    .orderBy('channel_enricher.position')
    .execute();
  return rows.map((r) => ({ id: r.id, type: r.type, kind: r.kind, config: r.config, position: r.position }));
}

/** Replaces the channel's chain with `enricherIds`, in that order. */
export async function setChannelEnrichers(db: Kysely<Schema>, channelId: string, enricherIds: readonly string[]): Promise<void> {
  await db.deleteFrom('channel_enricher').where('channel_id', '=', channelId).execute();
  if (enricherIds.length === 0) return;
  await db
    .insertInto('channel_enricher')
    .values(enricherIds.map((enricherId, position) => ({ channel_id: channelId, enricher_id: enricherId, position })))
    .execute();
}

/** Ids of the channels an enricher is attached to. */
export async function channelsOfEnricher(db: Kysely<Schema>, enricherId: string): Promise<string[]> {
  const rows = await db.selectFrom('channel_enricher').select('channel_id').where('enricher_id', '=', enricherId).orderBy('channel_id').execute();
  return rows.map((r) => r.channel_id);
}

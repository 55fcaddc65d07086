// as_run persistence: the only place that reads or writes the as_run table.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { AsRunRecord } from './asrun-recorder.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function insertAsRun(db: Kysely<Schema>, records: readonly AsRunRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('as_run')
    .values(records.map((r) => ({
      channel_id: r.channelId,
      playlog_event_id: r.playlogEventId,
      // Plans not built from the catalog (test patterns, hand-made plans) name assets by other ids.
      asset_id: r.assetId !== null && uuid.test(r.assetId) ? r.assetId : null,
      title: r.title,
      scheduled_start_ms: r.scheduledStartMs,
      actual_start_ms: r.actualStartMs,
      end_ms: r.endMs,
      in_point_ms: Math.max(0, Math.round(r.inPointMs)),
      status: r.status,
      reason: r.reason,
    })))
    .execute();
}

/** Records of a channel that started airing in [fromMs, toMs), in order. */
export async function loadAsRun(db: Kysely<Schema>, channelId: string, fromMs: number, toMs: number): Promise<AsRunRecord[]> {
  const rows = await db
    .selectFrom('as_run')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('actual_start_ms', '>=', fromMs)
    .where('actual_start_ms', '<', toMs)
    .orderBy('actual_start_ms')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    channelId: r.channel_id,
    playlogEventId: r.playlog_event_id,
    assetId: r.asset_id,
    title: r.title,
    scheduledStartMs: Number(r.scheduled_start_ms),
    actualStartMs: Number(r.actual_start_ms),
    endMs: Number(r.end_ms),
    inPointMs: Number(r.in_point_ms),
    status: r.status,
    reason: r.reason,
  }));
}

/** Whether the channel has any as-run record (it may have aired before the channel was removed). */
export async function hasAsRun(db: Kysely<Schema>, channelId: string): Promise<boolean> {
  return (await db.selectFrom('as_run').select('id').where('channel_id', '=', channelId).limit(1).executeTakeFirst()) !== undefined;
}

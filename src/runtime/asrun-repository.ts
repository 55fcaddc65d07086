// as_run persistence: the only place that reads or writes the as_run table.
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { AsRunRecord } from './asrun-recorder.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function rowOf(r: AsRunRecord, nodeId: string | null) {
  return {
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
    node_id: nodeId,
  };
}

export async function insertAsRun(db: Kysely<Schema>, records: readonly AsRunRecord[], nodeId: string | null = null): Promise<void> {
  if (records.length === 0) return;
  await db.insertInto('as_run').values(records.map((r) => rowOf(r, nodeId))).execute();
}

/** A segment went on air: its row (status airing) is inserted; its id closes it. */
export async function openAsRun(db: Kysely<Schema>, record: AsRunRecord, nodeId: string | null): Promise<number> {
  const row = await db.insertInto('as_run').values(rowOf(record, nodeId)).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The segment ended: its row gets its final end, status and reason (by id: closing twice writes the same). */
export async function closeAsRun(db: Kysely<Schema>, id: number, record: AsRunRecord): Promise<void> {
  await db.updateTable('as_run').set({ end_ms: record.endMs, status: record.status, reason: record.reason }).where('id', '=', id).execute();
}

/** Rows still on air move their end to `nowMs` (never back), in one statement. */
export async function refreshAsRun(db: Kysely<Schema>, ids: readonly number[], nowMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('as_run')
    .set({ end_ms: sql<number>`greatest(end_ms, ${nowMs})` })
    .where('id', 'in', ids)
    .where('status', '=', 'airing')
    .execute();
}

/** Rows of a channel left airing by a recorder that is gone (all but `liveIds`) close as errors, keeping their end. */
export async function closeOrphanedAsRun(db: Kysely<Schema>, channelId: string, liveIds: readonly number[], reason: string): Promise<number> {
  let update = db.updateTable('as_run').set({ status: 'error', reason }).where('channel_id', '=', channelId).where('status', '=', 'airing');
  if (liveIds.length > 0) update = update.where('id', 'not in', liveIds);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
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

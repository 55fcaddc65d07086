// PlaylogEvent persistence: the only place that reads or writes playlog_event. Events are appended a
// schedule day at a time; the chain constraint makes the database refuse any gap or overlap.
import { type Kysely, sql } from 'kysely';
import { RetroVueError } from '../../core/errors.js';
import type { Schema } from '../../db/schema.js';
import type { PlaylogEventTable } from '../../db/scheduling-schema.js';
import type { PlaylogEvent, PlaylogRole, SyntheticKind } from '../../plugins/playlog-event.js';
import type { IsoDate } from '../time/civil-date.js';
import { insertUnnest, type UnnestType } from '../../db/unnest-insert.js';

/** Appends the events expanded from one schedule day; they must continue the channel's playlog. */
export async function insertPlaylogEvents(db: Kysely<Schema>, channelId: string, programmingDay: IsoDate, events: readonly PlaylogEvent[]): Promise<void> {
  const first = events[0];
  if (!first) return;
  const root = await previousEventEnd(db, channelId, first.startMs);
  const rows = events.map((event, i): Record<keyof typeof eventColumns, unknown> => {
    if (event.channelId !== channelId) throw new RetroVueError('internal', `playlog event ${event.id} belongs to channel "${event.channelId}", not "${channelId}"`);
    const source = event.source;
    return {
      channel_id: channelId,
      start_ms: event.startMs,
      end_ms: event.endMs,
      previous_end_ms: i === 0 ? root : event.startMs,
      programming_day: programmingDay,
      role: event.role,
      source_kind: source.kind,
      asset_id: source.kind === 'asset' ? source.assetId : null,
      in_point_ms: source.kind === 'asset' ? source.inPointMs : null,
      synthetic_kind: source.kind === 'synthetic' ? source.synthetic : null,
      synthetic_text: source.kind === 'synthetic' ? (source.text ?? null) : null,
      title: event.title,
      episode_title: event.episodeTitle ?? null,
      slot_id: event.slotId ?? null,
    };
  });
  await insertUnnest(db, 'playlog_event', eventColumns, rows);
}

const eventColumns = {
  channel_id: 'text',
  start_ms: 'int8',
  end_ms: 'int8',
  previous_end_ms: 'int8',
  programming_day: 'date',
  role: 'text',
  source_kind: 'text',
  asset_id: 'uuid',
  in_point_ms: 'int8',
  synthetic_kind: 'text',
  synthetic_text: 'text',
  title: 'text',
  episode_title: 'text',
  slot_id: 'text',
} as const satisfies Record<keyof PlaylogEventTable, UnnestType>;

async function previousEventEnd(db: Kysely<Schema>, channelId: string, startMs: number): Promise<number | null> {
  const before = await db.selectFrom('playlog_event').select('end_ms').where('channel_id', '=', channelId).where('end_ms', '=', startMs).executeTakeFirst();
  if (before) return startMs;
  const last = await lastPlaylogEvent(db, channelId);
  if (!last) return null;
  throw new RetroVueError(
    'conflict',
    `playlog events of channel "${channelId}" starting ${new Date(startMs).toISOString()} do not continue its playlog, which ends ${new Date(last.endMs).toISOString()}`,
  );
}

export interface PlaylogTail {
  readonly endMs: number;
  readonly programmingDay: IsoDate;
}

export async function lastPlaylogEvent(db: Kysely<Schema>, channelId: string): Promise<PlaylogTail | undefined> {
  const row = await db
    .selectFrom('playlog_event')
    .select(['end_ms', sql<string>`to_char(programming_day, 'YYYY-MM-DD')`.as('programming_day')])
    .where('channel_id', '=', channelId)
    .orderBy('start_ms', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { endMs: Number(row.end_ms), programmingDay: row.programming_day } : undefined;
}

/** Events on air at some moment of [fromMs, toMs), in order. */
export async function loadPlaylog(db: Kysely<Schema>, channelId: string, fromMs: number, toMs: number): Promise<PlaylogEvent[]> {
  const rows = await db
    .selectFrom('playlog_event')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('end_ms', '>', fromMs)
    .where('start_ms', '<', toMs)
    .orderBy('start_ms')
    .execute();
  return rows.map((r) => {
    const startMs = Number(r.start_ms);
    const source: PlaylogEvent['source'] =
      r.source_kind === 'asset'
        ? { kind: 'asset', assetId: r.asset_id as string, inPointMs: Number(r.in_point_ms) }
        : r.synthetic_text === null
          ? { kind: 'synthetic', synthetic: r.synthetic_kind as SyntheticKind }
          : { kind: 'synthetic', synthetic: r.synthetic_kind as SyntheticKind, text: r.synthetic_text };
    return {
      id: `${r.channel_id}@${startMs}`,
      channelId: r.channel_id,
      startMs,
      endMs: Number(r.end_ms),
      role: r.role as PlaylogRole,
      source,
      title: r.title,
      ...(r.episode_title === null ? {} : { episodeTitle: r.episode_title }),
      ...(r.slot_id === null ? {} : { slotId: r.slot_id }),
    };
  });
}

/** The event on air at an instant, if the playlog reaches it. */
export async function playlogEventAt(db: Kysely<Schema>, channelId: string, atMs: number): Promise<PlaylogEvent | undefined> {
  return (await loadPlaylog(db, channelId, atMs, atMs + 1))[0];
}

// Horizon bookkeeping: how far each channel's schedule and playlog are built, the only place that reads or
// writes schedule_horizon; plus the advisory lock that serialises horizon work on one channel.
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { IsoDate } from '../time/civil-date.js';

/** First key of the two-key advisory lock ("RV" + 1), so RetroVue's locks do not collide with others'. */
const horizonLockKey = 0x52560001;

/**
 * Holds the channel's horizon lock until the transaction ends: a second process advancing the same channel
 * waits, then finds the work done. (Embedded PGlite has one session, so its lock never waits — nor needs to.)
 */
export async function lockChannelHorizon(trx: Kysely<Schema>, channelId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${horizonLockKey}, hashtext(${channelId}))`.execute(trx);
}

/**
 * The horizon locks of many channels, in one statement, taken in id order (as two such callers then never
 * wait on each other in a cycle); held until the transaction ends.
 */
export async function lockChannelHorizons(trx: Kysely<Schema>, channelIds: readonly string[]): Promise<void> {
  const sorted = [...channelIds].sort();
  await sql`select count(pg_advisory_xact_lock(${horizonLockKey}, hashtext(u.id))) from unnest(${sorted}::text[]) with ordinality as u(id, n)`.execute(trx);
}

/** Where a channel's built schedule and playlog end now: its last built day and the end of its last event. */
export interface HorizonEnd {
  readonly lastDay: IsoDate | null;
  readonly playlogEndMs: number | null;
}

/** The ends of many channels in one query (an index probe each), keyed by channel id. */
export async function loadHorizonEnds(db: Kysely<Schema>, channelIds: readonly string[]): Promise<Map<string, HorizonEnd>> {
  const rows = await sql<{ id: string; last_day: string | null; playlog_end_ms: number | string | null }>`
    select u.id,
      (select to_char(d.programming_day, 'YYYY-MM-DD') from schedule_day d where d.channel_id = u.id order by d.programming_day desc limit 1) as last_day,
      (select e.end_ms from playlog_event e where e.channel_id = u.id order by e.start_ms desc limit 1) as playlog_end_ms
    from unnest(${[...channelIds]}::text[]) as u(id)`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, { lastDay: r.last_day, playlogEndMs: r.playlog_end_ms === null ? null : Number(r.playlog_end_ms) }]));
}

export interface HorizonMark {
  readonly scheduleThrough: IsoDate | null;
  readonly playlogThroughMs: number | null;
}

export async function recordHorizon(db: Kysely<Schema>, channelId: string, mark: HorizonMark, advancedAtMs: number): Promise<void> {
  const values = { schedule_through: mark.scheduleThrough, playlog_through_ms: mark.playlogThroughMs, advanced_at: new Date(advancedAtMs) };
  await db
    .insertInto('schedule_horizon')
    .values({ channel_id: channelId, ...values })
    .onConflict((oc) => oc.column('channel_id').doUpdateSet(values))
    .execute();
}

/** recordHorizon of many channels in one statement. */
export async function recordHorizons(db: Kysely<Schema>, marks: readonly { readonly channelId: string; readonly mark: HorizonMark }[], advancedAtMs: number): Promise<void> {
  if (marks.length === 0) return;
  await sql`
    insert into schedule_horizon (channel_id, schedule_through, playlog_through_ms, advanced_at)
    select u.channel_id, u.schedule_through, u.playlog_through_ms, ${new Date(advancedAtMs)}::timestamptz
    from unnest(${marks.map((m) => m.channelId)}::text[], ${marks.map((m) => m.mark.scheduleThrough)}::date[], ${marks.map((m) => m.mark.playlogThroughMs)}::int8[])
      as u(channel_id, schedule_through, playlog_through_ms)
    on conflict (channel_id) do update set schedule_through = excluded.schedule_through, playlog_through_ms = excluded.playlog_through_ms, advanced_at = excluded.advanced_at`.execute(db);
}

export interface HorizonStatus {
  readonly channelId: string;
  readonly enabled: boolean;
  /** The last programming day built, and where its cover ends. */
  readonly scheduleThrough: IsoDate | null;
  readonly scheduleEndMs: number | null;
  /** Where the playlog ends. */
  readonly playlogEndMs: number | null;
  readonly advancedAtMs: number | null;
}

/** How far every channel is built, read from the built rows themselves (not only the bookkeeping). */
export async function loadHorizonStatus(db: Kysely<Schema>): Promise<HorizonStatus[]> {
  const rows = await sql<{
    channel_id: string;
    enabled: boolean;
    schedule_through: string | null;
    schedule_end_ms: number | string | null;
    playlog_end_ms: number | string | null;
    advanced_at: Date | null;
  }>`
    select c.id as channel_id, c.enabled,
      (select to_char(max(d.programming_day), 'YYYY-MM-DD') from schedule_day d where d.channel_id = c.id) as schedule_through,
      (select max(d.cover_end_ms) from schedule_day d where d.channel_id = c.id) as schedule_end_ms,
      (select max(e.end_ms) from playlog_event e where e.channel_id = c.id) as playlog_end_ms,
      h.advanced_at
    from channel c left join schedule_horizon h on h.channel_id = c.id
    order by c.id`.execute(db);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return rows.rows.map((r) => ({
    channelId: r.channel_id,
    enabled: r.enabled,
    scheduleThrough: r.schedule_through,
    scheduleEndMs: num(r.schedule_end_ms),
    playlogEndMs: num(r.playlog_end_ms),
    advancedAtMs: r.advanced_at === null ? null : new Date(r.advanced_at).getTime(),
  }));
}

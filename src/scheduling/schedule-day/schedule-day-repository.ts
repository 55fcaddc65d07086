// ScheduleDay persistence: the only place that writes schedule_day (its slots go through
// schedule-slot-repository.ts). Days are written whole and never updated (the database refuses); a rebuild
// deletes and writes again. Avails are not stored: they are the gaps between a day's slots, rebuilt on load.
import { type Kysely, sql } from 'kysely';
import { RetroVueError } from '../../core/errors.js';
import type { Schema } from '../../db/schema.js';
import type { IsoDate } from '../time/civil-date.js';
import type { CarryState, ScheduleDay, ScheduledSlot, ScheduleProgress } from './schedule-day.js';
import { tileWithAvails } from './schedule-day.js';
import { insertScheduleSlots, loadScheduleSlots, loadScheduleSlotsOfDays, slotDayKey } from './schedule-slot-repository.js';

/** What the next day needs of the last built one. */
export interface BuiltDaySummary {
  readonly programmingDay: IsoDate;
  readonly coverStartMs: number;
  readonly coverEndMs: number;
  readonly carryOut: CarryState;
}

/** programming_day as YYYY-MM-DD text (a date column would come back as a Date at midnight UTC). */
const dayText = sql<string>`to_char(programming_day, 'YYYY-MM-DD')`;

const dayColumns = [
  'channel_id',
  dayText.as('programming_day'),
  'plan_id',
  'seed',
  'day_start_ms',
  'day_end_ms',
  'cover_start_ms',
  'cover_end_ms',
  'progress',
  'warnings',
  'off_air',
] as const;

/** Writes a resolved day and its slots. Refuses a day already built, or one that does not follow the channel's last day. */
export async function insertScheduleDay(db: Kysely<Schema>, day: ScheduleDay): Promise<void> {
  await insertScheduleDays(db, [day]);
}

/**
 * Writes consecutive resolved days of one channel with their slots, in a handful of statements whatever
 * their number. Refuses days already built, days that do not follow one another, and a first day that does
 * not continue the channel's last built day.
 */
export async function insertScheduleDays(db: Kysely<Schema>, days: readonly ScheduleDay[]): Promise<void> {
  const first = days[0];
  if (!first) return;
  const channelId = first.channelId;
  days.forEach((day, i) => {
    const previous = days[i - 1];
    if (day.channelId !== channelId || (previous && previous.coverEndMs !== day.coverStartMs)) {
      throw new RetroVueError('invalid_input', `schedule day ${day.programmingDay} of channel "${day.channelId}" does not follow ${previous?.programmingDay ?? 'the day before it'}; build the days in order`);
    }
  });
  const root = await chainRoot(db, first, days.map((d) => d.programmingDay));
  await db
    .insertInto('schedule_day')
    .values(
      days.map((day, i) => ({
        channel_id: day.channelId,
        programming_day: day.programmingDay,
        plan_id: day.planId,
        seed: day.seed,
        day_start_ms: day.dayStartMs,
        day_end_ms: day.dayEndMs,
        cover_start_ms: day.coverStartMs,
        cover_end_ms: day.coverEndMs,
        previous_end_ms: i === 0 ? root : day.coverStartMs,
        progress: JSON.stringify(day.carryOut.progress),
        warnings: JSON.stringify(day.warnings),
        off_air: JSON.stringify(day.offAir.map((o) => [o.startMs, o.endMs])),
      })),
    )
    .execute();
  await insertScheduleSlots(db, days);
}

/**
 * Refuses days already built, and returns the chain link of the first one: its cover start when it
 * continues the channel's days, null for the channel's first day ever. One round trip for all three checks.
 */
async function chainRoot(db: Kysely<Schema>, first: ScheduleDay, dates: readonly IsoDate[]): Promise<number | null> {
  const channelId = first.channelId;
  const days = db.selectFrom('schedule_day').where('channel_id', '=', channelId);
  const row = await db
    .selectNoFrom([
      days.select(dayText.as('d')).where('programming_day', 'in', [...dates]).orderBy('programming_day').limit(1).as('existing'),
      sql<boolean>`exists (${days.select('cover_end_ms').where('cover_end_ms', '=', first.coverStartMs)})`.as('continues'),
      days.select(dayText.as('d')).orderBy('programming_day', 'desc').limit(1).as('last'),
    ])
    .executeTakeFirstOrThrow();
  if (row.existing !== null) {
    throw new RetroVueError('conflict', `schedule day ${row.existing} of channel "${channelId}" is already built; rebuild it with --force`);
  }
  if (row.continues) return first.coverStartMs;
  if (row.last === null) return null;
  throw new RetroVueError(
    'conflict',
    `schedule day ${first.programmingDay} of channel "${channelId}" does not continue its last built day ${row.last}; build the days in order`,
  );
}

/** The channel's built days from `from` to `to` (inclusive), whole, in order. */
export async function loadScheduleDays(db: Kysely<Schema>, channelId: string, from: IsoDate, to: IsoDate): Promise<ScheduleDay[]> {
  const days = await selectDays(db)
    .where('channel_id', '=', channelId)
    .where('programming_day', '>=', from)
    .where('programming_day', '<=', to)
    .orderBy('programming_day')
    .execute();
  if (days.length === 0) return [];
  const slots = await loadScheduleSlots(db, channelId, from, to);
  return days.map((d) => scheduleDayOf(d, slots.get(d.programming_day) ?? []));
}

/**
 * Built days of the named channels whose cover overlaps [fromMs, toMs), by channel id then day: two
 * queries whatever the number of channels (the guide of a whole lineup).
 */
export async function loadScheduleDaysOfChannels(db: Kysely<Schema>, channelIds: readonly string[], fromMs: number, toMs: number): Promise<ScheduleDay[]> {
  if (channelIds.length === 0) return [];
  const days = await selectDays(db)
    .where(sql<boolean>`channel_id = any(${[...channelIds]}::text[])`)
    .where('cover_end_ms', '>', fromMs)
    .where('cover_start_ms', '<', toMs)
    .orderBy('channel_id')
    .orderBy('programming_day')
    .execute();
  const slots = await loadScheduleSlotsOfDays(db, days.map((d) => ({ channelId: d.channel_id, programmingDay: d.programming_day })));
  return days.map((d) => scheduleDayOf(d, slots.get(slotDayKey(d.channel_id, d.programming_day)) ?? []));
}

type DayRow = Awaited<ReturnType<ReturnType<typeof selectDays>['execute']>>[number];

function selectDays(db: Kysely<Schema>) {
  return db.selectFrom('schedule_day').select(dayColumns);
}

/** A stored day and its slots as the ScheduleDay they were built from (avails are the gaps between slots). */
function scheduleDayOf(d: DayRow, own: readonly ScheduledSlot[]): ScheduleDay {
  const coverStartMs = Number(d.cover_start_ms);
  const coverEndMs = Number(d.cover_end_ms);
  const offAir = d.off_air.map(([startMs, endMs]) => ({ startMs: Number(startMs), endMs: Number(endMs) }));
  return {
    channelId: d.channel_id,
    programmingDay: d.programming_day,
    dayStartMs: Number(d.day_start_ms),
    dayEndMs: Number(d.day_end_ms),
    coverStartMs,
    coverEndMs,
    planId: d.plan_id,
    seed: d.seed,
    entries: tileWithAvails(coverStartMs, coverEndMs, own, offAir),
    offAir,
    carryOut: { airingUntilMs: coverEndMs, progress: d.progress as ScheduleProgress },
    warnings: d.warnings,
  };
}

export async function loadScheduleDay(db: Kysely<Schema>, channelId: string, date: IsoDate): Promise<ScheduleDay | undefined> {
  return (await loadScheduleDays(db, channelId, date, date))[0];
}

/** Built days of the channel whose cover overlaps [fromMs, toMs). */
export async function loadScheduleDaysBetween(db: Kysely<Schema>, channelId: string, fromMs: number, toMs: number): Promise<ScheduleDay[]> {
  const range = await db
    .selectFrom('schedule_day')
    .select([sql<string | null>`to_char(min(programming_day), 'YYYY-MM-DD')`.as('first'), sql<string | null>`to_char(max(programming_day), 'YYYY-MM-DD')`.as('last')])
    .where('channel_id', '=', channelId)
    .where('cover_end_ms', '>', fromMs)
    .where('cover_start_ms', '<', toMs)
    .executeTakeFirst();
  return range?.first && range.last ? loadScheduleDays(db, channelId, range.first, range.last) : [];
}

/** The programming days the channel has built from `from` to `through` (inclusive), in order. */
export async function builtDates(db: Kysely<Schema>, channelId: string, from: IsoDate, through: IsoDate): Promise<IsoDate[]> {
  const rows = await db.selectFrom('schedule_day').select(dayText.as('day')).where('channel_id', '=', channelId).where('programming_day', '>=', from).where('programming_day', '<=', through).orderBy('programming_day').execute();
  return rows.map((r) => r.day);
}

/** The channel's first built programming day, if it has any. */
export async function firstBuiltDate(db: Kysely<Schema>, channelId: string): Promise<IsoDate | undefined> {
  const row = await db.selectFrom('schedule_day').select(dayText.as('day')).where('channel_id', '=', channelId).orderBy('programming_day').limit(1).executeTakeFirst();
  return row?.day;
}

export async function lastBuiltDay(db: Kysely<Schema>, channelId: string): Promise<BuiltDaySummary | undefined> {
  const row = await db.selectFrom('schedule_day').select(dayColumns).where('channel_id', '=', channelId).orderBy('programming_day', 'desc').limit(1).executeTakeFirst();
  if (!row) return undefined;
  const coverEndMs = Number(row.cover_end_ms);
  return {
    programmingDay: row.programming_day,
    coverStartMs: Number(row.cover_start_ms),
    coverEndMs,
    carryOut: { airingUntilMs: coverEndMs, progress: row.progress as ScheduleProgress },
  };
}

/** Deletes the channel's days from `date` on (with their slots and playlog events); returns how many. */
export async function deleteScheduleDaysFrom(db: Kysely<Schema>, channelId: string, date: IsoDate): Promise<number> {
  const result = await db.deleteFrom('schedule_day').where('channel_id', '=', channelId).where('programming_day', '>=', date).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets the channel's days before `date` (history is the as-run log's job) and re-roots both chains. */
export async function pruneScheduleDaysBefore(db: Kysely<Schema>, channelId: string, date: IsoDate): Promise<number> {
  const result = await db.deleteFrom('schedule_day').where('channel_id', '=', channelId).where('programming_day', '<', date).executeTakeFirst();
  const deleted = Number(result.numDeletedRows);
  if (deleted === 0) return 0;
  await sql`update schedule_day set previous_end_ms = null where channel_id = ${channelId}
    and programming_day = (select min(programming_day) from schedule_day where channel_id = ${channelId})`.execute(db);
  await sql`update playlog_event set previous_end_ms = null where channel_id = ${channelId}
    and start_ms = (select min(start_ms) from playlog_event where channel_id = ${channelId})`.execute(db);
  return deleted;
}

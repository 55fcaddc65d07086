// ScheduledSlot persistence: the only place that reads or writes schedule_slot, a built day's slots (written
// with their day by schedule-day-repository.ts, never updated). A slot row carries its content and guide
// data whole, so a built day airs what it was built with whatever the library does later.
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { ScheduleSlotTable } from '../../db/scheduling-schema.js';
import type { SyntheticKind } from '../../plugins/playlog-event.js';
import type { IsoDate } from '../time/civil-date.js';
import type { SchedulableAssetRef } from '../library/schedulable-asset.js';
import type { ScheduleDay, ScheduledSlot } from './schedule-day.js';
import { slotIdOf, slotsOf } from './schedule-day.js';
import { insertUnnest, type UnnestType } from '../../db/unnest-insert.js';

/** Writes the slots of resolved days, in one statement whatever their number. */
export async function insertScheduleSlots(db: Kysely<Schema>, days: readonly ScheduleDay[]): Promise<void> {
  await insertUnnest(db, 'schedule_slot', scheduleSlotColumns, scheduleSlotRows(days));
}

/** The channel's slots from `from` to `to` (inclusive) by programming day, each day's in order. */
export async function loadScheduleSlots(db: Kysely<Schema>, channelId: string, from: IsoDate, to: IsoDate): Promise<Map<IsoDate, ScheduledSlot[]>> {
  const byDay = new Map<IsoDate, ScheduledSlot[]>();
  for (const row of await selectSlots(db, channelId, from, to)) {
    const slots = byDay.get(row.programming_day) ?? [];
    slots.push(slotOf(row));
    byDay.set(row.programming_day, slots);
  }
  return byDay;
}

/**
 * The slots of the named days of several channels (channel, programming day), each day's in order: one
 * query whatever the number of channels or days.
 */
export async function loadScheduleSlotsOfDays(db: Kysely<Schema>, days: ReadonlyArray<{ readonly channelId: string; readonly programmingDay: IsoDate }>): Promise<Map<string, ScheduledSlot[]>> {
  const byDay = new Map<string, ScheduledSlot[]>();
  if (days.length === 0) return byDay;
  const rows = await slotQuery(db)
    .where(sql<boolean>`(channel_id, programming_day) in (select * from unnest(${days.map((d) => d.channelId)}::text[], ${days.map((d) => d.programmingDay)}::date[]))`)
    .orderBy('start_ms')
    .execute();
  for (const row of rows) {
    const key = slotDayKey(row.channel_id, row.programming_day);
    const slots = byDay.get(key) ?? [];
    slots.push(slotOf(row));
    byDay.set(key, slots);
  }
  return byDay;
}

/** The key of a channel's programming day in loadScheduleSlotsOfDays' answer. */
export function slotDayKey(channelId: string, programmingDay: IsoDate): string {
  return `${channelId}\u0000${programmingDay}`;
}

/** The schedule_slot rows of resolved days (exported for the bench's insert floor). */
export function scheduleSlotRows(days: readonly ScheduleDay[]): Record<keyof typeof scheduleSlotColumns, unknown>[] {
  return days.flatMap((day) => slotsOf(day).map((slot) => slotRow(day, slot)));
}

export const scheduleSlotColumns = {
  channel_id: 'text',
  programming_day: 'date',
  start_ms: 'int8',
  content_end_ms: 'int8',
  block_end_ms: 'int8',
  zone_name: 'text',
  origin_kind: 'text',
  origin_id: 'text',
  program_id: 'uuid',
  content_kind: 'text',
  asset_id: 'uuid',
  path: 'text',
  break_points_ms: 'int4[]',
  synthetic_asset_id: 'uuid',
  synthetic_kind: 'text',
  synthetic_text: 'text',
  allow_breaks: 'bool',
  title: 'text',
  subtitle: 'text',
  description: 'text',
  season: 'int4',
  episode: 'int4',
  year: 'int4',
  categories: 'text[]',
} as const satisfies Record<keyof ScheduleSlotTable, UnnestType>;

function slotRow(day: ScheduleDay, slot: ScheduledSlot): Record<keyof typeof scheduleSlotColumns, unknown> {
  const g = slot.guide;
  return {
    channel_id: day.channelId,
    programming_day: day.programmingDay,
    start_ms: slot.startMs,
    content_end_ms: slot.endMs,
    block_end_ms: slot.blockEndMs,
    zone_name: slot.zoneName,
    origin_kind: slot.origin.kind,
    origin_id: originId(slot.origin),
    program_id: slot.programId,
    content_kind: slot.content.kind,
    asset_id: slot.content.kind === 'asset' ? slot.content.assetId : null,
    path: slot.content.kind === 'asset' ? slot.content.path : null,
    break_points_ms: slot.content.kind === 'asset' ? [...slot.content.breakPointsMs] : [],
    synthetic_asset_id: slot.content.kind === 'synthetic' ? slot.content.syntheticAssetId : null,
    synthetic_kind: slot.content.kind === 'synthetic' ? slot.content.synthetic : null,
    synthetic_text: slot.content.kind === 'synthetic' ? slot.content.text : null,
    allow_breaks: slot.allowBreaks,
    title: g.title,
    subtitle: g.subtitle,
    description: g.description,
    season: g.season,
    episode: g.episode,
    year: g.year,
    categories: [...g.categories],
  };
}

function originId(ref: SchedulableAssetRef): string {
  switch (ref.kind) {
    case 'program':
      return ref.programId;
    case 'asset':
      return ref.assetId;
    case 'virtual':
      return ref.virtualAssetId;
    case 'synthetic':
      return ref.syntheticAssetId;
  }
}

function originOf(kind: string, id: string): SchedulableAssetRef {
  if (kind === 'program') return { kind, programId: id };
  if (kind === 'asset') return { kind, assetId: id };
  if (kind === 'virtual') return { kind, virtualAssetId: id };
  return { kind: 'synthetic', syntheticAssetId: id };
}

type SlotRow = Awaited<ReturnType<typeof selectSlots>>[number];

function selectSlots(db: Kysely<Schema>, channelId: string, from: IsoDate, to: IsoDate) {
  return slotQuery(db)
    .where('channel_id', '=', channelId)
    .where('programming_day', '>=', from)
    .where('programming_day', '<=', to)
    .orderBy('start_ms')
    .execute();
}

function slotQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('schedule_slot')
    .select([
      'channel_id',
      sql<string>`to_char(programming_day, 'YYYY-MM-DD')`.as('programming_day'),
      'start_ms',
      'content_end_ms',
      'block_end_ms',
      'zone_name',
      'origin_kind',
      'origin_id',
      'program_id',
      'content_kind',
      'asset_id',
      'path',
      'break_points_ms',
      'synthetic_asset_id',
      'synthetic_kind',
      'synthetic_text',
      'allow_breaks',
      'title',
      'subtitle',
      'description',
      'season',
      'episode',
      'year',
      'categories',
    ]);
}

function slotOf(row: SlotRow): ScheduledSlot {
  const startMs = Number(row.start_ms);
  return {
    kind: 'slot',
    slotId: slotIdOf(row.channel_id, startMs),
    startMs,
    endMs: Number(row.content_end_ms),
    blockEndMs: Number(row.block_end_ms),
    zoneName: row.zone_name,
    origin: originOf(row.origin_kind, row.origin_id),
    programId: row.program_id,
    content:
      row.content_kind === 'asset'
        ? { kind: 'asset', assetId: row.asset_id as string, path: row.path as string, breakPointsMs: row.break_points_ms.map(Number) }
        : { kind: 'synthetic', syntheticAssetId: row.synthetic_asset_id as string, synthetic: row.synthetic_kind as SyntheticKind, text: row.synthetic_text },
    allowBreaks: row.allow_breaks,
    guide: {
      title: row.title,
      subtitle: row.subtitle,
      description: row.description,
      season: row.season,
      episode: row.episode,
      year: row.year,
      categories: row.categories,
    },
  };
}

// SchedulePlan and Zone persistence: the only place that reads or writes schedule_plan, zone and zone_item.
import { type Kysely, sql } from 'kysely';
import { RetroVueError } from '../../core/errors.js';
import type { Schema } from '../../db/schema.js';
import type { Weekday } from '../time/civil-date.js';
import type { SchedulableAssetRef } from '../library/schedulable-asset.js';
import type { SchedulePlan, Zone } from './schedule-plan.js';

export type SchedulePlanDraft = Omit<SchedulePlan, 'id' | 'zones'>;

export type ZoneDraft = Omit<Zone, 'id'>;

const planColumns = [
  'id',
  'channel_id',
  'name',
  'days_of_week',
  'priority',
  sql<string | null>`to_char(start_date, 'YYYY-MM-DD')`.as('start_date'),
  sql<string | null>`to_char(end_date, 'YYYY-MM-DD')`.as('end_date'),
] as const;

export async function insertSchedulePlan(db: Kysely<Schema>, draft: SchedulePlanDraft): Promise<SchedulePlan> {
  const { id } = await db
    .insertInto('schedule_plan')
    .values({
      channel_id: draft.channelId,
      name: draft.name,
      days_of_week: draft.daysOfWeek === null ? null : [...draft.daysOfWeek],
      start_date: draft.startDate,
      end_date: draft.endDate,
      priority: draft.priority,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, ...draft, zones: [] };
}

export async function updateSchedulePlan(db: Kysely<Schema>, id: string, changes: Partial<Omit<SchedulePlanDraft, 'channelId'>>): Promise<void> {
  await db
    .updateTable('schedule_plan')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.daysOfWeek === undefined ? {} : { days_of_week: changes.daysOfWeek === null ? null : [...changes.daysOfWeek] }),
      ...(changes.startDate === undefined ? {} : { start_date: changes.startDate }),
      ...(changes.endDate === undefined ? {} : { end_date: changes.endDate }),
      ...(changes.priority === undefined ? {} : { priority: changes.priority }),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSchedulePlan(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('schedule_plan').where('id', '=', id).execute();
}

export async function findSchedulePlan(db: Kysely<Schema>, channelId: string, name: string): Promise<SchedulePlan | undefined> {
  const row = await db.selectFrom('schedule_plan').select(planColumns).where('channel_id', '=', channelId).where('name', '=', name).executeTakeFirst();
  return row ? (await assemblePlans(db, [row]))[0] : undefined;
}

/** Every plan of the channel with its zones and their items, in name order. */
export async function loadChannelPlans(db: Kysely<Schema>, channelId: string): Promise<SchedulePlan[]> {
  const rows = await db.selectFrom('schedule_plan').select(planColumns).where('channel_id', '=', channelId).orderBy('name').execute();
  return assemblePlans(db, rows);
}

type PlanRow = { id: string; channel_id: string; name: string; days_of_week: number[] | null; priority: number; start_date: string | null; end_date: string | null };

async function assemblePlans(db: Kysely<Schema>, rows: readonly PlanRow[]): Promise<SchedulePlan[]> {
  if (rows.length === 0) return [];
  const zones = await db
    .selectFrom('zone')
    .select(['id', 'plan_id', 'name', 'start_minute', 'end_minute', 'days_of_week'])
    .where('plan_id', 'in', rows.map((r) => r.id))
    .orderBy('start_minute')
    .orderBy('name')
    .execute();
  const items = await loadZoneItems(db, zones.map((z) => z.id));
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    name: r.name,
    daysOfWeek: r.days_of_week as Weekday[] | null,
    startDate: r.start_date,
    endDate: r.end_date,
    priority: r.priority,
    zones: zones
      .filter((z) => z.plan_id === r.id)
      .map(
        (z): Zone => ({
          id: z.id,
          name: z.name,
          startMinute: z.start_minute,
          endMinute: z.end_minute,
          daysOfWeek: z.days_of_week as Weekday[] | null,
          items: items.get(z.id) ?? [],
        }),
      ),
  }));
}

async function loadZoneItems(db: Kysely<Schema>, zoneIds: readonly string[]): Promise<Map<string, SchedulableAssetRef[]>> {
  const byZone = new Map<string, SchedulableAssetRef[]>();
  if (zoneIds.length === 0) return byZone;
  const rows = await db.selectFrom('zone_item').selectAll().where('zone_id', 'in', [...zoneIds]).orderBy('zone_id').orderBy('position').execute();
  for (const row of rows) {
    const ref: SchedulableAssetRef =
      row.kind === 'program'
        ? { kind: 'program', programId: row.program_id as string }
        : row.kind === 'asset'
          ? { kind: 'asset', assetId: row.asset_id as string }
          : row.kind === 'virtual'
            ? { kind: 'virtual', virtualAssetId: row.virtual_asset_id as string }
            : { kind: 'synthetic', syntheticAssetId: row.synthetic_asset_id as string };
    const list = byZone.get(row.zone_id) ?? [];
    list.push(ref);
    byZone.set(row.zone_id, list);
  }
  return byZone;
}

export async function insertZone(db: Kysely<Schema>, planId: string, draft: ZoneDraft): Promise<Zone> {
  const { id } = await db
    .insertInto('zone')
    .values({
      plan_id: planId,
      name: draft.name,
      start_minute: draft.startMinute,
      end_minute: draft.endMinute,
      days_of_week: draft.daysOfWeek === null ? null : [...draft.daysOfWeek],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceZoneItems(db, id, draft.items);
  return { id, ...draft };
}

export async function updateZone(db: Kysely<Schema>, zoneId: string, changes: Partial<ZoneDraft>): Promise<void> {
  await db
    .updateTable('zone')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.startMinute === undefined ? {} : { start_minute: changes.startMinute }),
      ...(changes.endMinute === undefined ? {} : { end_minute: changes.endMinute }),
      ...(changes.daysOfWeek === undefined ? {} : { days_of_week: changes.daysOfWeek === null ? null : [...changes.daysOfWeek] }),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', zoneId)
    .execute();
  if (changes.items !== undefined) await replaceZoneItems(db, zoneId, changes.items);
}

export async function deleteZone(db: Kysely<Schema>, zoneId: string): Promise<void> {
  await db.deleteFrom('zone').where('id', '=', zoneId).execute();
}

/** The zone's SchedulableAssets, in order, replacing whatever it held. */
export async function replaceZoneItems(db: Kysely<Schema>, zoneId: string, items: readonly SchedulableAssetRef[]): Promise<void> {
  await db.deleteFrom('zone_item').where('zone_id', '=', zoneId).execute();
  if (items.length === 0) return;
  await db
    .insertInto('zone_item')
    .values(
      items.map((ref, position) => ({
        zone_id: zoneId,
        position,
        kind: ref.kind,
        program_id: ref.kind === 'program' ? ref.programId : null,
        asset_id: ref.kind === 'asset' ? ref.assetId : null,
        virtual_asset_id: ref.kind === 'virtual' ? ref.virtualAssetId : null,
        synthetic_asset_id: ref.kind === 'synthetic' ? ref.syntheticAssetId : null,
      })),
    )
    .execute();
}

/** The plan an operator named, or a not_found error pointing at `schedule-plan list`. */
export async function requirePlan(db: Kysely<Schema>, channelId: string, name: string): Promise<SchedulePlan> {
  const plan = await findSchedulePlan(db, channelId, name);
  if (!plan) throw new RetroVueError('not_found', `schedule plan "${name}" of channel "${channelId}" does not exist; see retrovue schedule-plan list --channel ${channelId}`);
  return plan;
}

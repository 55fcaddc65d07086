// What refers to a scheduling definition: the zones and program chains that hold a program, virtual or
// synthetic asset, and the built ScheduleDays' slots that came from a plan, zone, program, virtual or
// synthetic asset. Read-only; the library's removal handlers are the ones that need it, so it lives in the
// library room, and it reads the plans' and ScheduleDays' tables.
import type { InUse } from '../../../generated/contract-types.js';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { SchedulableAssetRef } from './schedulable-asset.js';

/** A definition zones and program chains can hold (an asset is the catalog's, not a definition). */
export type DefinitionRef = Exclude<SchedulableAssetRef, { readonly kind: 'asset' }>;

/** Who holds a definition, in channel, plan, zone (and program name) order. */
export interface Referrers {
  readonly zones: readonly { readonly channel: string; readonly plan: string; readonly zone: string }[];
  readonly programs: readonly string[];
}

function definitionColumns(of: DefinitionRef) {
  switch (of.kind) {
    case 'program':
      return { item: 'zone_item.program_id', link: 'program_link.child_program_id', id: of.programId } as const;
    case 'virtual':
      return { item: 'zone_item.virtual_asset_id', link: 'program_link.virtual_asset_id', id: of.virtualAssetId } as const;
    case 'synthetic':
      return { item: 'zone_item.synthetic_asset_id', link: 'program_link.synthetic_asset_id', id: of.syntheticAssetId } as const;
  }
}

/** The zones and programs whose items or chain links name the definition. */
export async function definitionReferrers(db: Kysely<Schema>, of: DefinitionRef): Promise<Referrers> {
  const columns = definitionColumns(of);
  const zones = await db
    .selectFrom('zone_item')
    .innerJoin('zone', 'zone.id', 'zone_item.zone_id')
    .innerJoin('schedule_plan', 'schedule_plan.id', 'zone.plan_id')
    .select(['zone.name as zone', 'schedule_plan.name as plan', 'schedule_plan.channel_id as channel'])
    .where(columns.item, '=', columns.id)
    .distinct()
    .orderBy('channel')
    .orderBy('plan')
    .orderBy('zone')
    .execute();
  const programs = await db
    .selectFrom('program_link')
    .innerJoin('program', 'program.id', 'program_link.program_id')
    .select('program.name')
    .where(columns.link, '=', columns.id)
    .distinct()
    .orderBy('program.name')
    .execute();
  return { zones, programs: programs.map((p) => p.name) };
}

/** Which built slots come from the definition. */
export type UsageOf =
  | { readonly kind: 'plan'; readonly planId: string }
  | { readonly kind: 'zone'; readonly planId: string; readonly zoneName: string }
  | DefinitionRef;

function condition(of: UsageOf): Expression<SqlBool> {
  switch (of.kind) {
    case 'plan':
      return sql<SqlBool>`d.plan_id = ${of.planId}`;
    case 'zone':
      return sql<SqlBool>`d.plan_id = ${of.planId} and s.zone_name = ${of.zoneName}`;
    case 'program':
      return sql<SqlBool>`(s.program_id = ${of.programId} or (s.origin_kind = 'program' and s.origin_id = ${of.programId}))`;
    case 'virtual':
      return sql<SqlBool>`(s.origin_kind = 'virtual' and s.origin_id = ${of.virtualAssetId})`;
    case 'synthetic':
      return sql<SqlBool>`(s.synthetic_asset_id = ${of.syntheticAssetId} or (s.origin_kind = 'synthetic' and s.origin_id = ${of.syntheticAssetId}))`;
  }
}

const unused: InUse = { scheduled_slots: 0, aired_slots: 0, channels: [], first_day: null, last_day: null };

/** Slots of built days that come from the definition; aired: started at or before now. */
export async function builtDayUsage(db: Kysely<Schema>, of: UsageOf, nowMs: number): Promise<InUse> {
  const result = await sql<{ slots: number; aired: number; channels: string[] | null; first_day: string | null; last_day: string | null }>`
    select count(*)::int as slots,
      count(*) filter (where s.start_ms <= ${nowMs})::int as aired,
      array_agg(distinct s.channel_id order by s.channel_id) as channels,
      to_char(min(s.programming_day), 'YYYY-MM-DD') as first_day,
      to_char(max(s.programming_day), 'YYYY-MM-DD') as last_day
    from schedule_slot s join schedule_day d on d.channel_id = s.channel_id and d.programming_day = s.programming_day
    where ${condition(of)}`.execute(db);
  const row = result.rows[0];
  if (!row || row.slots === 0) return unused;
  return { scheduled_slots: row.slots, aired_slots: row.aired, channels: row.channels ?? [], first_day: row.first_day, last_day: row.last_day };
}

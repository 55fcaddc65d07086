// ProductionSafety for scheduling definitions: what built ScheduleDays still hold of a plan, zone,
// program, virtual or synthetic asset. Built days are immutable and keep airing what they were built
// with, so removing a definition never changes them; the operator must still see what is scheduled or
// has aired, and say --force, before the definition goes.
import type { InUse } from '../../../generated/contract-types.js';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { RetroVueError } from '../../core/errors.js';
import type { Schema } from '../../db/schema.js';
import type { TransactionContext } from '../../command/command-context.js';

/** Which built slots come from the definition. */
export type UsageOf =
  | { readonly kind: 'plan'; readonly planId: string }
  | { readonly kind: 'zone'; readonly planId: string; readonly zoneName: string }
  | { readonly kind: 'program'; readonly programId: string }
  | { readonly kind: 'virtual'; readonly virtualAssetId: string }
  | { readonly kind: 'synthetic'; readonly syntheticAssetId: string };

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

export const unused: InUse = { scheduled_slots: 0, aired_slots: 0, channels: [], first_day: null, last_day: null };

/** Slots of built days that come from the definition; aired: started at or before now. */
export async function usageOf(db: Kysely<Schema>, of: UsageOf, nowMs: number): Promise<InUse> {
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

/** "12 scheduled slots on retro1, retro2 (2025-03-10 to 2025-03-12), 3 already aired" */
export function describeUsage(usage: InUse): string {
  const days = usage.first_day === usage.last_day ? `${usage.first_day}` : `${usage.first_day} to ${usage.last_day}`;
  return `${usage.scheduled_slots} scheduled slot(s) on ${usage.channels.join(', ')} (${days}), ${usage.aired_slots} already aired`;
}

/**
 * A definition built days still hold needs --force, even on a terminal (a y/N is not enough); one that is
 * unused takes the ordinary confirmation. Under --dry-run nothing is removed, so nothing is refused.
 */
export async function confirmRemoval(ctx: TransactionContext, what: string, usage: InUse): Promise<void> {
  if (usage.scheduled_slots > 0 && !ctx.force && !ctx.dryRun) {
    throw new RetroVueError(
      'refused',
      `${what} is in built schedule days: ${describeUsage(usage)}; those days stay as built. Rerun with --force to remove it anyway`,
    );
  }
  await ctx.confirm(`remove ${what}`);
}

export function usageNote(usage: InUse): string {
  return usage.scheduled_slots === 0 ? '' : `\nbuilt schedule days keep it as built: ${describeUsage(usage)}`;
}

// Which slots are first airings: for every asset a guide shows, its earliest start on that channel that
// the schedule (built days) or the as-run log (what aired, kept after old days are pruned) knows — in one
// query, whatever the number of days, channels or slots.
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { ScheduleDay } from '../schedule-day/schedule-day.js';
import { type FirstAirings, firstAiringKey } from './epg-guide.js';

/**
 * @example
 * const programmes = guideProgrammes(days, await firstAiringsOf(db, days));
 */
export async function firstAiringsOf(db: Kysely<Schema>, days: readonly ScheduleDay[]): Promise<FirstAirings> {
  const channels = new Set<string>();
  const assets = new Set<string>();
  for (const day of days) {
    for (const e of day.entries) {
      if (e.kind !== 'slot' || e.content.kind !== 'asset') continue;
      channels.add(day.channelId);
      assets.add(e.content.assetId);
    }
  }
  if (assets.size === 0) return new Map();
  const channelList = [...channels];
  const assetList = [...assets];
  const rows = await sql<{ channel_id: string; asset_id: string; first_ms: string | number }>`
    select channel_id, asset_id::text as asset_id, min(start_ms) as first_ms from (
      select channel_id, asset_id, start_ms from schedule_slot
        where channel_id = any(${channelList}::text[]) and asset_id = any(${assetList}::uuid[])
      union all
      select channel_id, asset_id, scheduled_start_ms from as_run
        where channel_id = any(${channelList}::text[]) and asset_id = any(${assetList}::uuid[]) and status in ('aired', 'truncated')
    ) airings group by channel_id, asset_id`.execute(db);
  return new Map(rows.rows.map((r) => [firstAiringKey(r.channel_id, r.asset_id), Number(r.first_ms)]));
}

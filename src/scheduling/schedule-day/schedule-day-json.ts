// The --json and text shapes of built ScheduleDays (contracts/definitions.yaml#ScheduleDaySummary,
// contracts/schedule-day/show.yaml) and the wall-clock formatting every scheduling view shares.
import { DateTime } from 'luxon';
import type { ScheduleDaySummary } from '../../../generated/contract-types.js';
import { onscreenEpisode } from './schedule-day.js';
import type { ScheduleDay, ScheduleEntry } from './schedule-day.js';

export const iso = (ms: number): string => new Date(ms).toISOString();

/** `2025-03-07 18:30:00` on the channel's wall clock (with milliseconds when there are any). */
export function wallClock(ms: number, timezone: string): string {
  return DateTime.fromMillis(ms, { zone: timezone }).toFormat(ms % 1000 === 0 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm:ss.SSS');
}

export function scheduleDaySummary(day: ScheduleDay): ScheduleDaySummary {
  const avails = day.entries.filter((e) => e.kind === 'avail');
  return {
    channel: day.channelId,
    programming_day: day.programmingDay,
    plan: day.planId,
    starts_at: iso(day.coverStartMs),
    ends_at: iso(day.coverEndMs),
    slots: day.entries.length - avails.length,
    avail_ms: avails.reduce((sum, a) => sum + (a.endMs - a.startMs), 0),
    warnings: [...day.warnings],
  };
}

export function describeDaySummary(d: ScheduleDaySummary, timezone: string): string {
  const hours = (d.avail_ms / 3_600_000).toFixed(1);
  const warnings = d.warnings.map((w) => `\n    warning: ${w}`).join('');
  return `${d.programming_day}  ${wallClock(Date.parse(d.starts_at), timezone)} → ${wallClock(Date.parse(d.ends_at), timezone)}  ${d.slots} slots, ${hours} h avails${warnings}`;
}

export function scheduleEntryJson(entry: ScheduleEntry) {
  if (entry.kind === 'avail') return { kind: 'avail' as const, start: iso(entry.startMs), end: iso(entry.endMs), start_ms: entry.startMs, end_ms: entry.endMs };
  return {
    kind: 'slot' as const,
    start: iso(entry.startMs),
    end: iso(entry.blockEndMs),
    start_ms: entry.startMs,
    end_ms: entry.blockEndMs,
    content_end: iso(entry.endMs),
    zone: entry.zoneName,
    title: entry.guide.title,
    subtitle: entry.guide.subtitle,
    episode: onscreenEpisode(entry.guide),
    asset_id: entry.content.kind === 'asset' ? entry.content.assetId : null,
    synthetic: entry.content.kind === 'synthetic' ? entry.content.synthetic : null,
  };
}

export function describeEntry(entry: ScheduleEntry, timezone: string): string {
  const at = wallClock(entry.startMs, timezone).slice(11);
  if (entry.kind === 'avail') return `${at}  (avail ${Math.round((entry.endMs - entry.startMs) / 1000)} s)`;
  const episode = onscreenEpisode(entry.guide);
  const subtitle = entry.guide.subtitle ? ` — ${entry.guide.subtitle}` : '';
  return `${at}  ${entry.guide.title}${episode ? ` ${episode}` : ''}${subtitle}  [${entry.zoneName}, until ${wallClock(entry.blockEndMs, timezone).slice(11)}]`;
}

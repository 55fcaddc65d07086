// EPGGeneration: guide data derived from ScheduleDays, the EPG's only truth (invariant 7 — resolved start
// times, never zone declarations). One programme per scheduled slot, from its start to the end of the
// grid blocks it occupies; avails and the filler in them never show.
import type { ChannelRow } from '../../db/schema.js';
import type { GuideInfo, ScheduleDay } from '../schedule-day/schedule-day.js';
import { slotsOf } from '../schedule-day/schedule-day.js';
import { compareChannelNumbers } from '../channel/channel.js';

/** What a guide or playlist shows of a Channel. */
export interface EpgChannel {
  readonly id: string;
  readonly name: string;
  readonly number: string;
  readonly timezone: string;
  readonly logoUrl: string | null;
}

export interface EpgProgramme {
  readonly channelId: string;
  readonly slotId: string;
  readonly startMs: number;
  readonly stopMs: number;
  readonly guide: GuideInfo;
}

export function epgChannelOf(row: ChannelRow, logoUrl: string | null = null): EpgChannel {
  return { id: row.id, name: row.name, number: row.number, timezone: row.timezone, logoUrl };
}

/** Channels in dial order. */
export function sortChannels(channels: readonly EpgChannel[]): EpgChannel[] {
  return [...channels].sort((a, b) => compareChannelNumbers(a.number, b.number) || (a.id < b.id ? -1 : 1));
}

/** Programmes of the days, by channel then start; a slot seen twice (overlapping inputs) shows once. */
export function guideProgrammes(days: readonly ScheduleDay[]): EpgProgramme[] {
  const seen = new Set<string>();
  const programmes: EpgProgramme[] = [];
  for (const day of days) {
    for (const slot of slotsOf(day)) {
      if (seen.has(slot.slotId)) continue;
      seen.add(slot.slotId);
      programmes.push({ channelId: day.channelId, slotId: slot.slotId, startMs: slot.startMs, stopMs: slot.blockEndMs, guide: slot.guide });
    }
  }
  return programmes.sort((a, b) => (a.channelId < b.channelId ? -1 : a.channelId > b.channelId ? 1 : a.startMs - b.startMs));
}

/** Programmes on air at some moment of [fromMs, toMs). */
export function programmesBetween(programmes: readonly EpgProgramme[], fromMs: number, toMs: number): EpgProgramme[] {
  return programmes.filter((p) => p.stopMs > fromMs && p.startMs < toMs);
}

/** XMLTV's zero-based `season.episode.part` numbering, e.g. `0.4.` for S01E05. */
export function xmltvNsEpisode(guide: GuideInfo): string | null {
  if (guide.episode === null && guide.season === null) return null;
  const zeroBased = (n: number | null) => (n === null || n < 1 ? '' : String(n - 1));
  return `${zeroBased(guide.season)}.${zeroBased(guide.episode)}.`;
}

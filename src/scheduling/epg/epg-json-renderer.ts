// The guide as JSON (for `epg export --format json`, `epg show --json` and the runtime): the same
// programmes as XMLTV, with instants both as ISO text and as epoch milliseconds.
import { type EpgChannel, guideProgrammes, sortChannels } from './epg-guide.js';
import { onscreenEpisode } from '../schedule-day/schedule-day.js';
import type { ScheduleDay } from '../schedule-day/schedule-day.js';

export interface EpgJsonProgramme {
  readonly slot_id: string;
  readonly start: string;
  readonly stop: string;
  readonly start_ms: number;
  readonly stop_ms: number;
  readonly title: string;
  readonly subtitle: string | null;
  readonly description: string | null;
  readonly season: number | null;
  readonly episode: number | null;
  readonly episode_onscreen: string | null;
  readonly year: number | null;
  readonly categories: string[];
}

export interface EpgJsonChannel {
  readonly id: string;
  readonly name: string;
  readonly number: string;
  readonly timezone: string;
  readonly logo_url: string | null;
  readonly programmes: EpgJsonProgramme[];
}

export interface EpgJson {
  readonly channels: EpgJsonChannel[];
}

export function epgJson(channels: readonly EpgChannel[], days: readonly ScheduleDay[]): EpgJson {
  const byChannel = new Map<string, EpgJsonProgramme[]>(channels.map((c) => [c.id, []]));
  for (const p of guideProgrammes(days)) {
    const g = p.guide;
    byChannel.get(p.channelId)?.push({
      slot_id: p.slotId,
      start: new Date(p.startMs).toISOString(),
      stop: new Date(p.stopMs).toISOString(),
      start_ms: p.startMs,
      stop_ms: p.stopMs,
      title: g.title,
      subtitle: g.subtitle,
      description: g.description,
      season: g.season,
      episode: g.episode,
      episode_onscreen: onscreenEpisode(g),
      year: g.year,
      categories: [...g.categories],
    });
  }
  return {
    channels: sortChannels(channels).map((c) => ({
      id: c.id,
      name: c.name,
      number: c.number,
      timezone: c.timezone,
      logo_url: c.logoUrl,
      programmes: byChannel.get(c.id) ?? [],
    })),
  };
}

export function renderEpgJson(channels: readonly EpgChannel[], days: readonly ScheduleDay[]): string {
  return `${JSON.stringify(epgJson(channels, days), null, 2)}\n`;
}

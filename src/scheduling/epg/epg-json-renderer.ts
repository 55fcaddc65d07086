// The guide as JSON (for `epg export --format json`, `epg show --json` and the runtime): the same
// programmes as XMLTV (guideProgrammes), with instants both as ISO text and as epoch milliseconds.
import { type Airing, type EpgChannel, type EpgProgramme, sortChannels } from './epg-guide.js';
import { onscreenEpisode } from '../schedule-day/schedule-day.js';

export interface EpgJsonProgramme {
  readonly kind: EpgProgramme['kind'];
  readonly slot_id: string | null;
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
  readonly airing: Airing | null;
}

export interface EpgJsonChannel {
  readonly id: string;
  readonly guide_id: string;
  readonly name: string;
  readonly number: string;
  readonly timezone: string;
  readonly logo_url: string | null;
  readonly programmes: EpgJsonProgramme[];
}

export interface EpgJson {
  readonly channels: EpgJsonChannel[];
}

export function epgJson(channels: readonly EpgChannel[], guide: readonly EpgProgramme[]): EpgJson {
  const byChannel = new Map<string, EpgJsonProgramme[]>(channels.map((c) => [c.id, []]));
  for (const p of guide) {
    const g = p.guide;
    byChannel.get(p.channelId)?.push({
      kind: p.kind,
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
      airing: p.airing,
    });
  }
  return {
    channels: sortChannels(channels).map((c) => ({
      id: c.id,
      guide_id: c.guideId,
      name: c.name,
      number: c.number,
      timezone: c.timezone,
      logo_url: c.logoUrl,
      programmes: byChannel.get(c.id) ?? [],
    })),
  };
}

export function renderEpgJson(channels: readonly EpgChannel[], guide: readonly EpgProgramme[]): string {
  return `${JSON.stringify(epgJson(channels, guide), null, 2)}\n`;
}

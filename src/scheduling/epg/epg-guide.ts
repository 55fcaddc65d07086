// EPGGeneration: guide data derived from ScheduleDays, the EPG's only truth (invariant 7 — resolved start
// times, never zone declarations). `guideProgrammes` is the one function every guide is built from
// (/epg.xml, epg export, epg show, the JSON guide, the web guide): per channel the programmes tile time
// without gap — a break (avails, filler) belongs to the programme before it, as in printed listings, and
// time no zone covers is an explicit "Off Air" programme, never claimed by the programme before it.
import type { ChannelRow } from '../../db/schema.js';
import { RetroVueError } from '../../core/errors.js';
import type { GuideInfo, ScheduleDay, ScheduleEntry } from '../schedule-day/schedule-day.js';
import { compareChannelNumbers } from '../channel/channel.js';

/** What a guide or playlist shows of a Channel. */
export interface EpgChannel {
  readonly id: string;
  /** The XMLTV channel id and M3U tvg-id: `<id>.<guide domain>`, e.g. `toons.retrovue`. */
  readonly guideId: string;
  readonly name: string;
  readonly number: string;
  readonly timezone: string;
  /** Absolute URL of the channel's logo (GET /channel/{id}/logo), null when it has none or no base URL is known. */
  readonly logoUrl: string | null;
}

/** `new`: the first airing of its asset on the channel; `repeat`: shown there before (see firstAiringsOf). */
export type Airing = 'new' | 'repeat';

export interface EpgProgramme {
  readonly channelId: string;
  /** `programme`: a schedule slot with the breaks after it; `off-air`: time no zone covers. */
  readonly kind: 'programme' | 'off-air';
  /** The slot shown; null when off air. */
  readonly slotId: string | null;
  readonly startMs: number;
  /** The next programme's start (the guide is gapless while built days follow one another). */
  readonly stopMs: number;
  readonly guide: GuideInfo;
  /** Null when it does not apply: off air, or synthetic content (test cards, bars). */
  readonly airing: Airing | null;
}

/** `<channel>\u0000<asset id>` → the earliest start of that asset on that channel the schedule or as-run knows. */
export type FirstAirings = ReadonlyMap<string, number>;

export function firstAiringKey(channelId: string, assetId: string): string {
  return `${channelId}\u0000${assetId}`;
}

export const offAirGuide: GuideInfo = { title: 'Off Air', subtitle: null, description: null, season: null, episode: null, year: null, categories: [] };

export const DEFAULT_GUIDE_DOMAIN = 'retrovue';
const guideDomainPattern = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A DNS-like name (lowercase labels of letters, digits and inner dashes, dot-separated), or a one-line error. */
export function assertGuideDomain(domain: string): string {
  if (!guideDomainPattern.test(domain)) {
    throw new RetroVueError('invalid_input', `--guide-domain must be a DNS-like name such as retrovue or tv.example.org (lowercase letters, digits, inner dashes, dots); got "${domain}"`);
  }
  return domain;
}

/** The XMLTV channel id: the reference validator wants `name.domain`. */
export function guideChannelId(channelId: string, domain: string = DEFAULT_GUIDE_DOMAIN): string {
  return `${channelId}.${domain}`;
}

/** Where the runtime serves a channel's logo, below its base URL. */
export function channelLogoPath(channelId: string): string {
  return `/channel/${encodeURIComponent(channelId)}/logo`;
}

export interface EpgChannelOptions {
  readonly guideDomain?: string;
  /** The runtime's base URL, e.g. http://tv.local:8000: the logo URL is absolute or absent. */
  readonly baseUrl?: string | null;
  /** Whether the channel has a logo stored. */
  readonly hasLogo?: boolean;
}

export function epgChannelOf(row: ChannelRow, options: EpgChannelOptions = {}): EpgChannel {
  const logoUrl = options.hasLogo && options.baseUrl ? `${options.baseUrl.replace(/\/+$/, '')}${channelLogoPath(row.id)}` : null;
  return { id: row.id, guideId: guideChannelId(row.id, options.guideDomain), name: row.name, number: row.number, timezone: row.timezone, logoUrl };
}

/** Channels in dial order. */
export function sortChannels(channels: readonly EpgChannel[]): EpgChannel[] {
  return [...channels].sort((a, b) => compareChannelNumbers(a.number, b.number) || (a.id < b.id ? -1 : 1));
}

/**
 * The guide of the days, by channel then start: one programme per slot, running on through the breaks after
 * it (across programming days too), and one "Off Air" programme per stretch of off-air time. A slot seen
 * twice (overlapping inputs) shows once; a break with no programme before it in the days (the first day's
 * carried-in tail) is left out.
 *
 * @example
 * const programmes = guideProgrammes(days, await firstAiringsOf(db, days));
 */
export function guideProgrammes(days: readonly ScheduleDay[], firstAirings: FirstAirings): EpgProgramme[] {
  const byChannel = new Map<string, ScheduleDay[]>();
  for (const day of days) byChannel.set(day.channelId, [...(byChannel.get(day.channelId) ?? []), day]);
  const programmes: EpgProgramme[] = [];
  for (const channelId of [...byChannel.keys()].sort()) {
    const entries = (byChannel.get(channelId) ?? []).flatMap((d) => d.entries).sort((a, b) => a.startMs - b.startMs);
    programmes.push(...channelGuide(channelId, entries, firstAirings));
  }
  return programmes;
}

function channelGuide(channelId: string, entries: readonly ScheduleEntry[], firstAirings: FirstAirings): EpgProgramme[] {
  const out: EpgProgramme[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const last = out[out.length - 1];
    const follows = last !== undefined && last.stopMs === e.startMs;
    if (e.kind === 'slot') {
      if (seen.has(e.slotId)) continue;
      seen.add(e.slotId);
      const first = e.content.kind === 'asset' ? firstAirings.get(firstAiringKey(channelId, e.content.assetId)) : undefined;
      const airing = e.content.kind !== 'asset' ? null : first === undefined || first >= e.startMs ? 'new' : 'repeat';
      out.push({ channelId, kind: 'programme', slotId: e.slotId, startMs: e.startMs, stopMs: e.blockEndMs, guide: e.guide, airing });
    } else if (follows && (!e.offAir || last.kind === 'off-air')) {
      // A break runs on the programme before it; off-air time continues an off-air programme.
      out[out.length - 1] = { ...last, stopMs: e.endMs };
    } else if (e.offAir) {
      out.push({ channelId, kind: 'off-air', slotId: null, startMs: e.startMs, stopMs: e.endMs, guide: offAirGuide, airing: null });
    }
  }
  return out;
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

// XMLTV (the guide format Jellyfin, Plex, TiviMate and Kodi read), built as a document tree by
// fast-xml-parser's XMLBuilder, which does the escaping. Pure: ScheduleDays in, text out; shared by
// `epg export` and the runtime's /epg.xml. Times are the channel's wall clock with its UTC offset.
import { XMLBuilder } from 'fast-xml-parser';
import { type EpgChannel, guideProgrammes, onscreenEpisode, sortChannels, xmltvNsEpisode } from './epg-guide.js';
import type { ScheduleDay } from './schedule-day.js';
import { timelineFor } from './time-zone-timeline.js';

export interface XmltvOptions {
  readonly generatorName?: string;
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab/newline/CR, unpaired surrogates, U+FFFE/F).
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(notXmlChar, '\uFFFD');
}

// Values are made XML-safe as the tree is assembled (cheaper than a callback per node); the builder escapes them.
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

/** `20250309073000 -0500`: XMLTV's time format, on the channel's wall clock. */
export function xmltvTime(instantMs: number, timezone: string): string {
  const offset = timelineFor(timezone).offsetAt(instantMs);
  const wall = new Date(instantMs + offset * 60_000).toISOString(); // the wall clock read as if it were UTC
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${wall.slice(0, 4)}${wall.slice(5, 7)}${wall.slice(8, 10)}${wall.slice(11, 13)}${wall.slice(14, 16)}${wall.slice(17, 19)} ${zone}`;
}

/**
 * @example
 * writeFileSync('guide.xml', renderXmltv(channels, scheduleDays));
 */
export function renderXmltv(channels: readonly EpgChannel[], days: readonly ScheduleDay[], options: XmltvOptions = {}): string {
  const known = new Map(channels.map((c) => [c.id, c]));
  const channelElements = sortChannels(channels).map((c) => ({
    '@id': xmlSafe(c.id),
    'display-name': [xmlSafe(c.name), xmlSafe(c.number)],
    ...(c.logoUrl ? { icon: { '@src': xmlSafe(c.logoUrl) } } : {}),
  }));
  // A programme's stop is usually the next one's start: format each instant once.
  const times = new Map<number, string>();
  const time = (instantMs: number, timezone: string) => {
    let text = times.get(instantMs);
    if (text === undefined) times.set(instantMs, (text = xmltvTime(instantMs, timezone)));
    return text;
  };
  const programmes = guideProgrammes(days)
    .filter((p) => known.has(p.channelId))
    .map((p) => {
      const tz = (known.get(p.channelId) as EpgChannel).timezone;
      const g = p.guide;
      const ns = xmltvNsEpisode(g);
      const onscreen = onscreenEpisode(g);
      const episodeNums = [...(ns === null ? [] : [{ '@system': 'xmltv_ns', '#text': ns }]), ...(onscreen === null ? [] : [{ '@system': 'onscreen', '#text': onscreen }])];
      // Child order is the DTD's: title, sub-title, desc, date, category, episode-num.
      return {
        '@start': time(p.startMs, tz),
        '@stop': time(p.stopMs, tz),
        '@channel': xmlSafe(p.channelId),
        title: xmlSafe(g.title),
        ...(g.subtitle ? { 'sub-title': xmlSafe(g.subtitle) } : {}),
        ...(g.description ? { desc: xmlSafe(g.description) } : {}),
        ...(g.year === null ? {} : { date: String(g.year) }),
        ...(g.categories.length > 0 ? { category: g.categories.map(xmlSafe) } : {}),
        ...(episodeNums.length > 0 ? { 'episode-num': episodeNums } : {}),
      };
    });
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    tv: { '@generator-info-name': xmlSafe(options.generatorName ?? 'RetroVue'), channel: channelElements, programme: programmes },
  }) as string;
}

// XMLTV (the guide format Jellyfin, Plex, TiviMate and Kodi read), built as a document tree by
// fast-xml-parser's XMLBuilder, which does the escaping. Pure: guide programmes in, text out; shared by
// `epg export` and the runtime's /epg.xml. Times are the channel's wall clock with its UTC offset. The
// output passes the XMLTV project's own checker, tv_validate_file (XMLTV::ValidateFile): the DTD, channel
// ids `name.domain`, a programme for every listed channel, non-blank titles and descriptions, and none of
// the bytes it takes for mis-encoding (U+FFFD, C1 controls).
import { XMLBuilder } from 'fast-xml-parser';
import { RetroVueError } from '../../core/errors.js';
import { type Airing, type EpgChannel, type EpgProgramme, sortChannels, xmltvNsEpisode } from './epg-guide.js';
import { onscreenEpisode } from '../schedule-day/schedule-day.js';
import type { GuideInfo } from '../schedule-day/schedule-day.js';
import { timelineFor } from '../time/time-zone-timeline.js';

export interface XmltvOptions {
  readonly generatorName?: string;
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab/newline/CR, unpaired surrogates, U+FFFE/F),
// and those tv_validate_file reads as mis-encoding: C1 controls, U+FFFD and its Latin-1 mojibake "ï¿½".
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F\uFFFD\uFFFE\uFFFF]|\u00EF\u00BF\u00BD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text an XMLTV document can carry: what it cannot is left out. */
export function xmlSafe(text: string): string {
  return text.replace(notXmlChar, '');
}

/** Text, or null when nothing but blanks is left (the validator refuses an empty title or desc). */
function nonBlank(text: string | null): string | null {
  return text === null || xmlSafe(text).trim() === '' ? null : text;
}

// Values are made XML-safe as the tree is assembled (cheaper than a callback per node); the builder escapes them.
const builderOptions = { ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true } as const;
// A week's guide airs the same episode or film many times, and the builder's walk over each programme's
// children was most of the export's time: those children are built once per distinct guide entry (by
// their own builder, indented as they sit in the document) and the document builder embeds them as its
// stop node's raw content. Everything in the document is still built and escaped by the builder.
const documentBuilder = new XMLBuilder({ ...builderOptions, stopNodes: ['tv.programme'] });
const childrenBuilder = new XMLBuilder({ ...builderOptions, indentBy: '    ' });
// What the builder does to any attribute value (stop nodes' attributes skip it, so it is applied here).
const escapeAttributeValue = (text: string): string => (documentBuilder as unknown as { replaceEntitiesValue(t: string): string }).replaceEntitiesValue(text);

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
 * A channel with no programme in the document is left out (the validator refuses a channel without one).
 *
 * @example
 * writeFileSync('guide.xml', renderXmltv(channels, guideProgrammes(days, firstAirings)));
 */
export function renderXmltv(channels: readonly EpgChannel[], guide: readonly EpgProgramme[], options: XmltvOptions = {}): string {
  const known = new Map(channels.map((c) => [c.id, c]));
  const listed = new Set(guide.map((p) => p.channelId));
  const channelElements = sortChannels(channels.filter((c) => listed.has(c.id))).map((c) => ({
    '@id': xmlSafe(c.guideId),
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
  const safeTexts = new Map<string, string>();
  const safe = (text: string) => {
    let made = safeTexts.get(text);
    if (made === undefined) safeTexts.set(text, (made = xmlSafe(text)));
    return made;
  };
  const fragments = new Map<string, string>();
  const programmes: object[] = [];
  for (const p of guide) {
    const channel = known.get(p.channelId);
    if (channel === undefined) continue;
    const g = p.guide;
    const key = JSON.stringify([g.title, g.subtitle, g.description, g.year, g.season, g.episode, g.categories, p.airing]);
    let fragment = fragments.get(key);
    if (fragment === undefined) fragments.set(key, (fragment = childrenFragment(g, p.airing, safe)));
    programmes.push({ '@start': time(p.startMs, channel.timezone), '@stop': time(p.stopMs, channel.timezone), '@channel': escapeAttributeValue(safe(channel.guideId)), '#text': fragment });
  }
  return documentBuilder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    tv: { '@generator-info-name': xmlSafe(options.generatorName ?? 'RetroVue'), channel: channelElements, programme: programmes },
  }) as string;
}

const open = '<programme>\n';
const close = '</programme>\n';

/**
 * A programme's child elements, in the DTD's order (title, sub-title, desc, date, category, episode-num,
 * previously-shown, new), as XML indented for the document.
 */
function childrenFragment(g: GuideInfo, airing: Airing | null, safe: (text: string) => string): string {
  const ns = xmltvNsEpisode(g);
  const onscreen = onscreenEpisode(g);
  const categories = g.categories.filter((c) => nonBlank(c) !== null);
  const episodeNums = [...(ns === null ? [] : [{ '@system': 'xmltv_ns', '#text': ns }]), ...(onscreen === null ? [] : [{ '@system': 'onscreen', '#text': onscreen }])];
  const built = childrenBuilder.build({
    programme: {
      title: safe(nonBlank(g.title) ?? 'Untitled'),
      ...(nonBlank(g.subtitle) ? { 'sub-title': safe(g.subtitle as string) } : {}),
      ...(nonBlank(g.description) ? { desc: safe(g.description as string) } : {}),
      ...(g.year === null ? {} : { date: String(g.year) }),
      ...(categories.length > 0 ? { category: categories.map(safe) } : {}),
      ...(episodeNums.length > 0 ? { 'episode-num': episodeNums } : {}),
      ...(airing === 'repeat' ? { 'previously-shown': '' } : {}),
      ...(airing === 'new' ? { new: '' } : {}),
    },
  }) as string;
  // Built at the top level with a double indent, so the children sit where they belong one level down.
  if (!built.startsWith(open) || !built.endsWith(close)) throw new RetroVueError('internal', `the XML builder made an unexpected programme fragment: ${built.slice(0, 80)}`);
  return built.slice(open.length, -close.length);
}

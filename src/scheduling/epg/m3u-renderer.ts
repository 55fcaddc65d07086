// The M3U playlist IPTV clients load beside the XMLTV guide: one entry per channel, matched to the guide
// by tvg-id (the XMLTV channel id, EpgChannel.guideId), streaming from <base>/channel/<id>.ts. Pure: channels in, text out.
import { RetroVueError } from '../../core/errors.js';
import { type EpgChannel, sortChannels } from './epg-guide.js';

export interface M3uOptions {
  /** Where the runtime serves streams, e.g. http://tv.local:8080. */
  readonly baseUrl: string;
  /** Where the XMLTV guide is served, announced in the header (url-tvg). */
  readonly epgUrl?: string | null;
  readonly groupTitle?: string;
}

/** An http(s) URL without trailing slashes; anything else is refused with one line. */
export function normaliseBaseUrl(text: string, what = '--base-url'): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new RetroVueError('invalid_input', `${what} must be an http:// or https:// URL without query or fragment, e.g. http://tv.local:8080; got "${text}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

// M3U has no escaping: a line break would start a new entry and a quote would end an attribute.
function attribute(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F]+/g, ' ').replace(/"/g, "'");
}

function displayName(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F]+/g, ' ');
}

/**
 * @example
 * renderM3u(channels, { baseUrl: 'http://tv.local:8080', epgUrl: 'http://tv.local:8080/epg.xml' })
 * // #EXTM3U url-tvg="http://tv.local:8080/epg.xml"
 * // #EXTINF:-1 tvg-id="retro1.retrovue" tvg-chno="3" tvg-name="Retro One" group-title="RetroVue",Retro One
 * // http://tv.local:8080/channel/retro1.ts
 */
export function renderM3u(channels: readonly EpgChannel[], options: M3uOptions): string {
  const base = normaliseBaseUrl(options.baseUrl);
  const group = attribute(options.groupTitle ?? 'RetroVue');
  const header = options.epgUrl ? `#EXTM3U url-tvg="${attribute(normaliseBaseUrl(options.epgUrl, 'the guide URL'))}"` : '#EXTM3U';
  const lines = [header];
  for (const c of sortChannels(channels)) {
    const logo = c.logoUrl ? ` tvg-logo="${attribute(c.logoUrl)}"` : '';
    lines.push(`#EXTINF:-1 tvg-id="${attribute(c.guideId)}" tvg-chno="${attribute(c.number)}" tvg-name="${attribute(c.name)}"${logo} group-title="${group}",${displayName(c.name)}`);
    lines.push(`${base}/channel/${encodeURIComponent(c.id)}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

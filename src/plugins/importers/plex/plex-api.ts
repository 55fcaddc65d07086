// The few Plex Media Server endpoints the importer reads, over media-server-http's getJson: the token
// travels only in the X-Plex-Token header, and listings are paged with X-Plex-Container-Start/-Size.
import { RetroVueError } from '../../../core/errors.js';
import { getJson } from '../media-server-http.js';
import { listingEnds, pageGuard } from '../page-guard.js';
import type { PlexConfig } from './plex-config.js';
import { plexServerName } from './plex-config.js';
import { type PlexMetadata, type PlexSection, parseMetadata, parseSection, record, whole } from './plex-json.js';
import { sourceNamePlaceholder } from '../../importer.js';

/** Plex's item types in a section listing: 1 movies, 4 episodes (a show section's files). */
export const plexItemType = { movie: 1, episode: 4 } as const;

export interface PlexApi {
  sections(): Promise<PlexSection[]>;
  /** Every item of `type` in the section, page by page: `onPage` gets each page's items and the server's total. */
  sectionItems(sectionKey: string, type: number, onPage: (items: readonly PlexMetadata[], total?: number) => Promise<void>): Promise<void>;
  /** One item (a show, for its genres and rating); undefined when the server has none by that key. */
  metadata(ratingKey: string): Promise<PlexMetadata | undefined>;
}

const credentialFix =
  `get a current X-Plex-Token for an account that can read the libraries and give it with retrovue source update ${sourceNamePlaceholder} --token TOKEN`;

/** The MediaContainer of an answer; an answer without one is not Plex's. */
function container(config: PlexConfig, path: string, body: unknown): Readonly<Record<string, unknown>> {
  const found = record(body)['MediaContainer'];
  if (typeof found !== 'object' || found === null) {
    throw new RetroVueError('unreachable', `${plexServerName(config)} answered ${path} without a MediaContainer (not a Plex server?); check the source's url`);
  }
  return record(found);
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** @example const api = plexApi(config); const sections = await api.sections(); */
export function plexApi(config: PlexConfig, signal?: AbortSignal): PlexApi {
  const get = async (path: string, query: Record<string, string | number> = {}) => {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const { body } = await getJson({
      server: plexServerName(config),
      baseUrl: config.url,
      path: search === '' ? path : `${path}?${search}`,
      headers: { 'X-Plex-Token': config.token, 'X-Plex-Client-Identifier': 'retrovue-core', 'X-Plex-Product': 'RetroVue' },
      timeoutMs: config.timeout_ms,
      credentialFix,
      ...(signal ? { signal } : {}),
    });
    return container(config, path, body);
  };

  return {
    async sections() {
      const answer = await get('/library/sections');
      return listOf(answer['Directory']).flatMap((d) => parseSection(d) ?? []);
    },

    async sectionItems(sectionKey, type, onPage) {
      const path = `/library/sections/${encodeURIComponent(sectionKey)}/all`;
      const progress = pageGuard(plexServerName(config), path);
      for (let start = 0; ; ) {
        signal?.throwIfAborted();
        // Query parameters, as Plex's own clients page: the server echoes them as offset/size/totalSize.
        const page = await get(path, { type, 'X-Plex-Container-Start': start, 'X-Plex-Container-Size': config.page_size });
        const rows = listOf(page['Metadata']);
        const total = whole(page['totalSize']);
        if (!progress(rows.map((m) => parseMetadata(m)?.ratingKey), start, total !== undefined && start >= total)) return;
        await onPage(rows.flatMap((m) => parseMetadata(m) ?? []), total);
        start += rows.length;
        if (listingEnds(rows.length, config.page_size, start, total)) return;
      }
    },

    async metadata(ratingKey) {
      const answer = await get(`/library/metadata/${encodeURIComponent(ratingKey)}`);
      return parseMetadata(listOf(answer['Metadata'])[0]);
    },
  };
}

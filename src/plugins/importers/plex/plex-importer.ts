// The plex importer: a Source is a Plex Media Server; its movie and show libraries become collections,
// and a library's items are its movies or episodes. RetroVue reads each file itself (mapped through the
// collection's local paths), keeping Plex's titles, genres and ratings as the item's metadata.
import { forEachBounded } from '../../../core/bounded-pool.js';
import { RetroVueError } from '../../../core/errors.js';
import { type DiscoveredCollection, type DiscoveredItem, type Importer, type ListItemsRequest, sourceNamePlaceholder } from '../../importer.js';
import { isInside } from '../directory-walk.js';
import { libraryNames } from '../library-names.js';
import { serverFile } from '../server-file.js';
import { type PlexApi, plexApi, plexItemType } from './plex-api.js';
import { type PlexConfig, plexConfigSchema, normalisePlexConfig, plexServerName } from './plex-config.js';
import { plexItem, type PlexShowInfo } from './plex-items.js';
import type { PlexMetadata, PlexSection } from './plex-json.js';

/**
 * Items placed at once: each may stat a file and look its show up on the server, and a page of episodes
 * from as many shows (page_size up to 10,000) must not open that many connections to the server at once.
 */
const serverLookups = 8;

/** Section types RetroVue can play: others (music, photos) are not collections here. */
const itemTypeOf = (section: PlexSection): number | undefined =>
  section.type === 'movie' ? plexItemType.movie : section.type === 'show' ? plexItemType.episode : undefined;

/** Collection names from section titles (see library-names.ts). */
export function collectionNames(sections: readonly PlexSection[]): Map<string, string> {
  return libraryNames(sections.map((s) => ({ key: s.key, title: s.title })));
}

/** Shows looked up once per listing, shared by all their episodes (even while the first lookup is in flight). */
function showCache(api: PlexApi): (ratingKey: string) => Promise<PlexShowInfo | undefined> {
  const shows = new Map<string, Promise<PlexShowInfo | undefined>>();
  return (ratingKey) => {
    let show = shows.get(ratingKey);
    if (show === undefined) {
      show = api.metadata(ratingKey).then((m) => m && { genres: m.genres, ...(m.contentRating ? { contentRating: m.contentRating } : {}) });
      shows.set(ratingKey, show);
    }
    return show;
  };
}

async function requireSection(api: PlexApi, config: PlexConfig, collection: DiscoveredCollection): Promise<{ section: PlexSection; type: number }> {
  const section = (await api.sections()).find((s) => s.key === collection.externalKey);
  const type = section && itemTypeOf(section);
  if (section === undefined || type === undefined) {
    throw new RetroVueError(
      'not_found',
      `${plexServerName(config)} has no movie or show library ${collection.externalKey} (${collection.name}) any more; see retrovue source discover ${sourceNamePlaceholder}`,
    );
  }
  return { section, type };
}

async function listSection(request: ListItemsRequest<PlexConfig>, api: PlexApi, section: PlexSection, type: number): Promise<DiscoveredItem[]> {
  const { config, collection, under } = request;
  const showOf = showCache(api);
  const place = async (m: PlexMetadata): Promise<DiscoveredItem | undefined> => {
    if (m.file === undefined) {
      request.onSkip?.({ path: m.title ?? m.ratingKey, reason: `Plex item ${m.ratingKey} has no file (no media part); RetroVue plays files only` });
      return undefined;
    }
    const file = await serverFile(m.file, section.locations, request.localPathOf, request.ref ?? `${sourceNamePlaceholder}/${collection.name}`, m.fileSize);
    if (under !== undefined && !isInside(under, file.path)) return undefined;
    const show = m.type === 'episode' && m.grandparentRatingKey !== undefined ? await showOf(m.grandparentRatingKey) : undefined;
    return plexItem(config.url, m, file, show);
  };
  const items: DiscoveredItem[] = [];
  let listed = 0;
  await api.sectionItems(section.key, type, async (page, total) => {
    const placed: Array<DiscoveredItem | undefined> = [];
    await forEachBounded(page, serverLookups, async (m, i) => {
      placed[i] = await place(m);
    });
    for (const item of placed) if (item !== undefined) items.push(item);
    listed += page.length;
    request.onListProgress?.(listed, total);
  });
  return items;
}

export const plexImporter: Importer<PlexConfig> = {
  type: 'plex',
  description: 'A Plex Media Server: its movie and show libraries become collections; files are read on this machine.',
  configSchema: plexConfigSchema,
  // Plex curates titles: the file-name enricher would only overwrite them. ffprobe still reads the local file.
  ingestEnrichers: ['ffprobe'],

  async normaliseConfig(raw) {
    return normalisePlexConfig(raw);
  },

  async discoverCollections(config) {
    const sections = (await plexApi(config).sections()).filter((s) => itemTypeOf(s) !== undefined);
    const names = collectionNames(sections);
    return sections.map((s) => ({ externalKey: s.key, name: names.get(s.key) ?? s.key, sourcePath: s.locations[0] ?? '/' }));
  },

  // A library's folder is the server's to say: without it, the stored one stands (see Importer).
  collectionSourcePath: () => undefined,

  async listItems(request) {
    const api = plexApi(request.config, request.signal);
    const { section, type } = await requireSection(api, request.config, request.collection);
    return listSection(request, api, section, type);
  },
};

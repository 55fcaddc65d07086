// The Jellyfin importer, and Emby's as the same code with another auth header: a Source is a server, its
// Collections are the server's movie, show and mixed libraries, and its items are the movies and episodes
// in them, read from the files the server points at (RetroVue plays files, never the server's stream).
import { RetroVueError } from '../../../core/errors.js';
import { type DiscoveredCollection, type DiscoveredItem, type Importer, type ListItemsRequest, sourceNamePlaceholder } from '../../importer.js';
import { isInside } from '../directory-walk.js';
import { libraryNames } from '../library-names.js';
import { getLibraries, libraryItems, type ServerLibrary, serverName } from './jellyfin-api.js';
import { configSchema, embyFlavour, jellyfinFlavour, type JellyfinConfig, normaliseConfig, type ServerFlavour } from './jellyfin-config.js';
import { discoveredItem } from './jellyfin-item.js';

/**
 * Libraries that hold movies or episodes. A library with no type is Jellyfin's "mixed movies and shows";
 * music, books, photos, home videos, music videos and box sets are left out.
 */
const videoLibraryTypes: ReadonlySet<string | undefined> = new Set(['movies', 'tvshows', 'mixed', undefined]);

function asCollection(library: ServerLibrary, names: ReadonlyMap<string, string>): DiscoveredCollection {
  return { externalKey: library.itemId, name: names.get(library.itemId) ?? library.itemId, sourcePath: library.locations[0] ?? '' };
}

async function requireLibrary(flavour: ServerFlavour, config: JellyfinConfig, collection: DiscoveredCollection): Promise<ServerLibrary> {
  const library = (await getLibraries(flavour, config)).find((l) => l.itemId === collection.externalKey);
  if (library === undefined) {
    throw new RetroVueError('not_found', `${serverName(flavour, config)} has no library ${collection.name} (${collection.externalKey}) any more; see retrovue source discover ${sourceNamePlaceholder}`);
  }
  return library;
}

async function listItems(flavour: ServerFlavour, request: ListItemsRequest<JellyfinConfig>): Promise<DiscoveredItem[]> {
  const { config, collection } = request;
  const library = await requireLibrary(flavour, config, collection);
  const context = {
    baseUrl: config.url,
    libraryFolders: library.locations,
    localPathOf: request.localPathOf,
    ref: request.ref ?? `${sourceNamePlaceholder}/${collection.name}`,
  };
  const items = new Map<string, DiscoveredItem>();
  const pages = libraryItems(flavour, config, library.itemId, {
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onListProgress ? { onPage: request.onListProgress } : {}),
  });
  for await (const raw of pages) {
    const item = await discoveredItem(raw, context);
    if ('skip' in item) {
      request.onSkip?.({ path: item.path, reason: item.skip });
    } else if (!items.has(item.providerKey) && (request.under === undefined || isInside(request.under, item.path))) {
      items.set(item.providerKey, item); // a library changing while it is paged may repeat an item
    }
  }
  return [...items.values()];
}

/** An importer for one flavour of the Jellyfin/Emby API. */
export function mediaServerImporter(flavour: ServerFlavour): Importer<JellyfinConfig> {
  return {
    type: flavour.type,
    description: `${flavour.product === 'Emby' ? 'An' : 'A'} ${flavour.product} server: its movie, show and mixed libraries become collections; files are read on this machine.`,
    configSchema: configSchema(flavour),
    // The server curates titles: the filename enricher's guess must not replace them.
    ingestEnrichers: ['ffprobe'],
    normaliseConfig: async (raw) => normaliseConfig(flavour, raw),
    // A library's folders are the server's to say, not the config's: a new url or key leaves them as discovered.
    collectionSourcePath: () => undefined,
    async discoverCollections(config) {
      const libraries = await getLibraries(flavour, config);
      const video = libraries.filter((l) => videoLibraryTypes.has(l.collectionType) && l.locations.length > 0);
      const names = libraryNames(video.map((l) => ({ key: l.itemId, title: l.name })));
      return video.map((l) => asCollection(l, names));
    },
    listItems: (request) => listItems(flavour, request),
  };
}

export const jellyfinImporter = mediaServerImporter(jellyfinFlavour);
export const embyImporter = mediaServerImporter(embyFlavour);

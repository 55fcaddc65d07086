// The two requests the importer makes to a Jellyfin or Emby server: its libraries (/Library/VirtualFolders)
// and a library's movies and episodes (/Items), page by page. Shapes are checked loosely: a field of the
// wrong type reads as absent, so one odd item never fails a whole listing.
import { RetroVueError } from '../../../core/errors.js';
import { getJson } from '../media-server-http.js';
import { listingEnds, pageGuard } from '../page-guard.js';
import { serverText } from '../server-text.js';
import type { JellyfinConfig, ServerFlavour } from './jellyfin-config.js';
import { sourceNamePlaceholder } from '../../importer.js';

/** A library as /Library/VirtualFolders reports it. */
export interface ServerLibrary {
  readonly name: string;
  readonly itemId: string;
  readonly locations: readonly string[];
  /** movies, tvshows, mixed…; undefined when the server gives none (a mixed library). */
  readonly collectionType?: string;
}

/** The BaseItemDto fields the importer reads; everything else is ignored. */
export interface ServerItem {
  readonly Id?: unknown;
  readonly Type?: unknown;
  readonly Name?: unknown;
  readonly Path?: unknown;
  readonly Etag?: unknown;
  readonly SeriesName?: unknown;
  readonly SeriesId?: unknown;
  readonly SeriesPrimaryImageTag?: unknown;
  readonly ParentIndexNumber?: unknown;
  readonly IndexNumber?: unknown;
  readonly ProductionYear?: unknown;
  readonly Overview?: unknown;
  readonly Genres?: unknown;
  readonly OfficialRating?: unknown;
  readonly ImageTags?: unknown;
  readonly MediaSources?: unknown;
}

/**
 * Fields beyond the default DTO. Jellyfin puts ProductionYear and OfficialRating in every item and ignores
 * field names it does not know; Emby wants them asked for. Etag is the updated-at: Jellyfin's is the hash of
 * the item's DateLastSaved, which the DTO itself never carries.
 */
export const itemFields = 'Path,Overview,Genres,OfficialRating,ProductionYear,MediaSources,Etag,SeriesPrimaryImage';

/** A stable order, so pages never skip or repeat an item while the library stands still. */
export const itemOrder = 'SeriesSortName,ParentIndexNumber,IndexNumber,SortName,ProductionYear,DateCreated';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? serverText(v) : undefined);

export function serverName(flavour: ServerFlavour, config: JellyfinConfig): string {
  return `the ${flavour.product} server ${config.url}`;
}

async function get(flavour: ServerFlavour, config: JellyfinConfig, path: string, signal?: AbortSignal): Promise<unknown> {
  const { body } = await getJson({
    server: serverName(flavour, config),
    baseUrl: config.url,
    path,
    headers: flavour.authHeaders(config.api_key),
    timeoutMs: config.timeout_ms,
    credentialFix: `make an API key in ${flavour.product}'s dashboard and give it with retrovue source update ${sourceNamePlaceholder} --api-key KEY`,
    ...(signal ? { signal } : {}),
  });
  return body;
}

function notTheApi(flavour: ServerFlavour, config: JellyfinConfig, path: string): RetroVueError {
  return new RetroVueError('unreachable', `${serverName(flavour, config)} answered ${path} with something that is not ${flavour.product}'s; check the source's url`);
}

export async function getLibraries(flavour: ServerFlavour, config: JellyfinConfig): Promise<ServerLibrary[]> {
  const body = await get(flavour, config, '/Library/VirtualFolders');
  if (!Array.isArray(body)) throw notTheApi(flavour, config, '/Library/VirtualFolders');
  return body.flatMap((entry: unknown): ServerLibrary[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const raw = entry as Record<string, unknown>;
    const itemId = text(raw['ItemId']);
    if (itemId === undefined) return [];
    const locations = Array.isArray(raw['Locations']) ? raw['Locations'].filter((l): l is string => typeof l === 'string' && l !== '') : [];
    const collectionType = text(raw['CollectionType']);
    return [{ name: text(raw['Name']) ?? itemId, itemId, locations, ...(collectionType ? { collectionType } : {}) }];
  });
}

export interface ItemPage {
  readonly items: readonly ServerItem[];
  /** TotalRecordCount; undefined when the server gives none. */
  readonly total?: number;
}

function itemsPath(parentId: string, startIndex: number, limit: number): string {
  const query = new URLSearchParams({
    ParentId: parentId,
    Recursive: 'true',
    IncludeItemTypes: 'Movie,Episode',
    IsMissing: 'false',
    Fields: itemFields,
    SortBy: itemOrder,
    SortOrder: 'Ascending',
    StartIndex: String(startIndex),
    Limit: String(limit),
  });
  return `/Items?${query.toString()}`;
}

async function getItemPage(flavour: ServerFlavour, config: JellyfinConfig, parentId: string, startIndex: number, signal?: AbortSignal): Promise<ItemPage> {
  const body = (await get(flavour, config, itemsPath(parentId, startIndex, config.page_size), signal)) as Record<string, unknown> | null;
  const items = body?.['Items'];
  if (typeof body !== 'object' || body === null || !Array.isArray(items)) throw notTheApi(flavour, config, '/Items');
  const total = body['TotalRecordCount'];
  return { items: items as ServerItem[], ...(typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? { total } : {}) };
}

/**
 * Every movie and episode under a library, one page after another until the server's count is reached and
 * a page comes back short (or one comes back empty, should the library shrink while it is listed).
 */
export async function* libraryItems(
  flavour: ServerFlavour,
  config: JellyfinConfig,
  parentId: string,
  options: { readonly signal?: AbortSignal; readonly onPage?: (listed: number, total: number) => void } = {},
): AsyncGenerator<ServerItem> {
  let listed = 0;
  const progress = pageGuard(serverName(flavour, config), '/Items');
  for (;;) {
    const page = await getItemPage(flavour, config, parentId, listed, options.signal);
    if (!progress(page.items.map((item) => text(item.Id)), listed, page.total !== undefined && listed >= page.total)) return;
    listed += page.items.length;
    options.onPage?.(listed, Math.max(page.total ?? listed, listed));
    yield* page.items;
    if (listingEnds(page.items.length, config.page_size, listed, page.total)) return;
  }
}

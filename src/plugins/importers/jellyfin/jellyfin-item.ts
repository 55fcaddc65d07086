// One Jellyfin/Emby item as a DiscoveredItem: the server's curated metadata, its Etag as the version, and
// the file it points at as this machine reads it (through the collection's local_path mappings).
import type { DiscoveredItem, DiscoveredMetadata } from '../../importer.js';
import { serverFile } from '../server-file.js';
import { serverText } from '../server-text.js';
import type { ServerItem } from './jellyfin-api.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? serverText(v) : undefined);
/** A path exactly as the server gives it (cleaning one could name another file): server-file.ts judges it. */
const pathText = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const whole = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

function firstMediaSource(item: ServerItem): Record<string, unknown> | undefined {
  const sources = item.MediaSources;
  const first: unknown = Array.isArray(sources) ? sources[0] : undefined;
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : undefined;
}

/** The file's path on the server: the item's own, else its first media source's. */
export function serverPathOf(item: ServerItem): string | undefined {
  return pathText(item.Path) ?? pathText(firstMediaSource(item)?.['Path']);
}

/**
 * Image URLs by tag, so a changed image gets a new URL; the API key never goes in one. An episode's own
 * Primary image is a still (thumb); its poster is the series'.
 */
function artwork(baseUrl: string, item: ServerItem, id: string): Record<string, string> | undefined {
  const tags = item.ImageTags;
  const own = typeof tags === 'object' && tags !== null ? text((tags as Record<string, unknown>)['Primary']) : undefined;
  const image = (owner: string, tag: string) => `${baseUrl}/Items/${encodeURIComponent(owner)}/Images/Primary?tag=${encodeURIComponent(tag)}`;
  const seriesId = text(item.SeriesId);
  const seriesTag = text(item.SeriesPrimaryImageTag);
  const art: Record<string, string> = item.Type === 'Episode'
    ? { ...(own ? { thumb: image(id, own) } : {}), ...(seriesId && seriesTag ? { poster: image(seriesId, seriesTag) } : {}) }
    : { ...(own ? { poster: image(id, own) } : {}) };
  return Object.keys(art).length === 0 ? undefined : art;
}

/** What the server curates about the item; absent fields stay absent. */
export function metadataOf(baseUrl: string, item: ServerItem, id: string): DiscoveredMetadata {
  const episode = item.Type === 'Episode';
  const genres = Array.isArray(item.Genres) ? item.Genres.flatMap((g) => text(g) ?? []) : [];
  const fields: Record<string, unknown> = {
    kind: episode ? 'episode' : 'movie',
    title: text(item.Name),
    series: episode ? text(item.SeriesName) : undefined,
    season: episode ? whole(item.ParentIndexNumber) : undefined,
    episode: episode ? whole(item.IndexNumber) : undefined,
    year: whole(item.ProductionYear),
    summary: text(item.Overview),
    genres: genres.length > 0 ? genres : undefined,
    contentRating: text(item.OfficialRating),
    artwork: artwork(baseUrl, item, id),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as DiscoveredMetadata;
}

export interface ItemContext {
  readonly baseUrl: string;
  /** The library's folders on the server (its Locations). */
  readonly libraryFolders: readonly string[];
  readonly localPathOf: (sourcePath: string) => string;
  /** The collection as operators name it, for the mapping fix in an unreadable file's problem. */
  readonly ref: string;
}

/** The item as a DiscoveredItem, or why it is skipped (no id, or no file on the server) and what to call it. */
export async function discoveredItem(item: ServerItem, context: ItemContext): Promise<DiscoveredItem | { skip: string; path: string }> {
  const id = text(item.Id);
  const serverPath = serverPathOf(item);
  const label = text(item.Name) ?? id ?? 'an item';
  if (id === undefined) return { skip: 'the server gave it no Id', path: serverPath ?? label };
  if (serverPath === undefined) return { skip: `the server knows no file for it (item ${id})`, path: label };
  const size = whole(firstMediaSource(item)?.['Size']) ?? 0;
  const file = await serverFile(serverPath, context.libraryFolders, context.localPathOf, context.ref, size);
  const version = text(item.Etag);
  return {
    providerKey: id,
    relativePath: file.relativePath,
    path: file.path,
    sizeBytes: file.sizeBytes,
    mtimeMs: file.mtimeMs,
    ...(file.sourcePath === undefined ? {} : { sourcePath: file.sourcePath }),
    ...(file.problem === undefined ? {} : { problem: file.problem }),
    ...(version === undefined ? {} : { version }),
    metadata: metadataOf(context.baseUrl, item, id),
  };
}

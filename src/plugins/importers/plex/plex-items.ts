// A Plex item → a DiscoveredItem: the server's curated metadata (its word beats a guess from the file
// name), its updatedAt as the version, and the file as this machine reads it (server-file.ts).
import type { DiscoveredItem, DiscoveredMetadata } from '../../importer.js';
import type { ServerFile } from '../server-file.js';
import type { PlexMetadata } from './plex-json.js';

/** What an episode takes from its show when it has none of its own (Plex keeps genres on the show). */
export interface PlexShowInfo {
  readonly genres: readonly string[];
  readonly contentRating?: string;
}

/** An artwork path on the server as an absolute URL; the token is never added (a client sends it as a header). */
export function artworkUrl(baseUrl: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (/^https?:\/\//i.test(path)) return path;
  return `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}

function artworkOf(baseUrl: string, m: PlexMetadata): Readonly<Record<string, string>> | undefined {
  const episode = m.type === 'episode';
  const roles: Array<[string, string | undefined]> = episode
    ? [['poster', m.grandparentThumb], ['thumb', m.thumb], ['art', m.art]]
    : [['poster', m.thumb], ['art', m.art]];
  const urls = roles.flatMap(([role, path]): Array<[string, string]> => {
    const url = artworkUrl(baseUrl, path);
    return url === undefined ? [] : [[role, url]];
  });
  return urls.length === 0 ? undefined : Object.fromEntries(urls);
}

/** The item's metadata; an episode takes its show's genres, and its show's rating when it has none. */
export function plexMetadata(baseUrl: string, m: PlexMetadata, show?: PlexShowInfo): DiscoveredMetadata {
  const kind = m.type === 'movie' ? 'movie' : m.type === 'episode' ? 'episode' : undefined;
  const genres = show !== undefined && show.genres.length > 0 ? show.genres : m.genres;
  const contentRating = m.contentRating ?? show?.contentRating;
  const artwork = artworkOf(baseUrl, m);
  const fields: DiscoveredMetadata = {
    kind,
    title: m.title,
    series: kind === 'episode' ? m.grandparentTitle : undefined,
    season: kind === 'episode' ? m.parentIndex : undefined,
    episode: kind === 'episode' ? m.index : undefined,
    year: m.year,
    summary: m.summary,
    genres: genres.length > 0 ? genres : undefined,
    contentRating,
    artwork,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** The DiscoveredItem of a Plex item whose file has been placed on this machine. */
export function plexItem(baseUrl: string, m: PlexMetadata, file: ServerFile, show?: PlexShowInfo): DiscoveredItem {
  return {
    providerKey: m.ratingKey,
    relativePath: file.relativePath,
    path: file.path,
    sizeBytes: file.sizeBytes,
    mtimeMs: file.mtimeMs,
    metadata: plexMetadata(baseUrl, m, show),
    ...(m.updatedAt === undefined ? {} : { version: String(m.updatedAt) }),
    ...(file.sourcePath === undefined ? {} : { sourcePath: file.sourcePath }),
    ...(file.problem === undefined ? {} : { problem: file.problem }),
  };
}

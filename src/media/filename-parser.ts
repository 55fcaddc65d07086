// Reads series/season/episode or movie/year out of a media file's relative path, the way
// scene releases and Plex/Jellyfin libraries name things. Pure: no I/O, no knowledge of the Source.
import { lastYear, withoutReleaseTail } from './release-tags.js';

export type ParsedFilename = {
  kind: 'episode' | 'movie' | 'unknown';
  series?: string;
  season?: number;
  episode?: number;
  year?: number;
  title?: string;
};

// S01E02 (optionally S01E02E03 / S01E02-E03), 1x02, "Season 1 Episode 2".
const EPISODE_PATTERNS: readonly RegExp[] = [
  /(?:^|[^a-z0-9])s(\d{1,2})[\s._-]?e(\d{1,3})(?:[\s._-]?e\d{1,3})*(?![0-9])/i,
  /(?:^|[^a-z0-9])(\d{1,2})x(\d{2,3})(?![0-9])/i,
  /(?:^|[^a-z0-9])season[\s._-]*(\d{1,2})[\s._-]*episode[\s._-]*(\d{1,3})(?![0-9])/i,
];

// Folders that group episodes but do not name the series.
const GROUPING_FOLDER_RE = /^(?:season|series|s|staffel|saison|temporada)[\s._-]*\d{1,3}$|^specials?$|^extras?$/i;

/**
 * @example
 * parseMediaFilename('Show Name/Season 1/S01E03.mkv')
 * // → { kind: 'episode', series: 'Show Name', season: 1, episode: 3 }
 */
export function parseMediaFilename(relativePath: string): ParsedFilename {
  const segments = relativePath.replace(/\\/g, '/').split('/').filter((s) => s.length > 0);
  const basename = stripExtension(segments[segments.length - 1] ?? '');
  const folders = segments.slice(0, -1);
  return parseEpisode(basename, folders) ?? parseMovie(basename) ?? parseUnknown(basename);
}

function parseEpisode(basename: string, folders: readonly string[]): ParsedFilename | undefined {
  for (const pattern of EPISODE_PATTERNS) {
    const match = pattern.exec(basename);
    if (match === null) continue;
    const season = Number(match[1]);
    const episode = Number(match[2]);
    const before = basename.slice(0, match.index);
    const after = basename.slice(match.index + match[0].length);

    const named = trailingYear(before);
    const series = named.name.length > 0 ? named.name : seriesFromFolders(folders);
    // The episode's own year ("Title (2004)") is more precise than its series' one.
    const titled = trailingYear(withoutReleaseTail(after));
    const title = cleanName(withoutReleaseTail(titled.raw));
    const year = titled.year ?? named.year;
    const result: ParsedFilename = { kind: 'episode', season, episode };
    if (series !== undefined) result.series = series;
    if (year !== undefined) result.year = year;
    if (title.length > 0) result.title = title;
    return result;
  }
  return undefined;
}

function parseMovie(basename: string): ParsedFilename | undefined {
  // The last year wins so that "2001.A.Space.Odyssey.1968" keeps 2001 in the title; a year at the
  // very start is never the release year because the title before it would be empty. Words before the
  // year are all title ("4K Dreams (1999)"); what follows it is release detail.
  const found = lastYear(basename, hasTitle);
  if (found === undefined) return undefined;
  return { kind: 'movie', title: cleanName(found.before), year: found.year };
}

function parseUnknown(basename: string): ParsedFilename {
  const title = cleanName(withoutReleaseTail(basename));
  return title.length > 0 ? { kind: 'unknown', title } : { kind: 'unknown' };
}

function seriesFromFolders(folders: readonly string[]): string | undefined {
  for (let i = folders.length - 1; i >= 0; i--) {
    const folder = folders[i] ?? '';
    if (GROUPING_FOLDER_RE.test(cleanName(folder))) continue;
    const name = trailingYear(withoutReleaseTail(folder)).name;
    if (name.length > 0) return name;
  }
  return undefined;
}

const hasTitle = (before: string): boolean => cleanName(before).length > 0;

/**
 * "Doctor Who (2005)" → name "Doctor Who", year 2005, `raw` the text before the year; a year only where it
 * ends the name (closing bracket and separators aside), and never one set off by spaces alone.
 */
function trailingYear(raw: string): { name: string; raw: string; year?: number } {
  const found = lastYear(raw, hasTitle);
  if (found === undefined || !/^[)\]]?[\s._\-–—:,]*$/.test(found.after)) return { name: cleanName(raw), raw };
  return { name: cleanName(found.before), raw: found.before, year: found.year };
}

/** Turns scene separators into spaces, drops bracketed tags and trims dangling punctuation. */
function cleanName(raw: string): string {
  let name = raw;
  name = name.replace(/\[[^\]]*\]|\{[^}]*\}/g, ' ');
  // A name that already has spaces uses dots as punctuation ("Dr. No", "E.T."); otherwise dots separate words.
  name = name.replace(/_/g, ' ');
  if (!/\s/.test(name.trim())) name = name.replace(/\./g, ' ');
  name = name.replace(/\s+/g, ' ');
  return name.replace(/^[\s\-–—:.,]+|[\s\-–—:,(]+$/g, '').trim();
}

// Only known media extensions are stripped, so "Movie.Name.1987" without one keeps its year.
const EXTENSION_RE = /\.(?:mkv|mp4|m4v|avi|mov|wmv|mpe?g|ts|m2ts|mts|webm|flv|ogv|ogm|vob|divx|3gp|mxf|asf|rmvb?)$/i;

function stripExtension(name: string): string {
  return name.replace(EXTENSION_RE, '');
}

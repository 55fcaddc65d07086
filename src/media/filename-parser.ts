// Reads series/season/episode or movie/year out of a media file's relative path, the way
// scene releases and Plex/Jellyfin libraries name things. Pure: no I/O, no knowledge of the Source.

export type ParsedFilename = {
  kind: 'episode' | 'movie' | 'unknown';
  series?: string;
  season?: number;
  episode?: number;
  year?: number;
  title?: string;
};

// Everything from the first of these tokens on is release junk ("720p.x264-GROUP"), never title.
// Ordinary English words ("Web", "Proper", "Limited") are left out: they occur in real titles.
const QUALITY_TAGS = [
  '\\d{3,4}[pi]', '4k', 'uhd', '[xh]\\.?26[45]', 'hevc', 'xvid', 'divx', 'av1', 'vp9',
  'blu-?ray', 'b[dr]rip', 'web-?(?:dl|rip)', 'hdtv', 'pdtv', 'dvd(?:rip|scr|r)?', 'vhsrip',
  'remux', 'hdr(?:10)?', '10bit', 'aac(?:2\\.0)?', 'ac3', 'e-?ac3', 'dts(?:-?hd)?', 'truehd',
  'dd[p+]?5\\.1', 'repack',
];
const QUALITY_RE = new RegExp(`(?:^|[\\s._\\-\\[(])(?:${QUALITY_TAGS.join('|')})(?=$|[\\s._\\-\\])])`, 'i');

// S01E02 (optionally S01E02E03 / S01E02-E03), 1x02, "Season 1 Episode 2".
const EPISODE_PATTERNS: readonly RegExp[] = [
  /(?:^|[^a-z0-9])s(\d{1,2})[\s._-]?e(\d{1,3})(?:[\s._-]?e\d{1,3})*(?![0-9])/i,
  /(?:^|[^a-z0-9])(\d{1,2})x(\d{2,3})(?![0-9])/i,
  /(?:^|[^a-z0-9])season[\s._-]*(\d{1,2})[\s._-]*episode[\s._-]*(\d{1,3})(?![0-9])/i,
];

// A four-digit year standing alone or in brackets: "Movie (1987)", "Movie.Name.1987.1080p".
const YEAR_RE = /(?:^|[\s.\-_([])((?:19|20)\d{2})(?=$|[\s.\-_)\]])/g;

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

    const named = splitYear(cleanName(before));
    const series = named.name.length > 0 ? named.name : seriesFromFolders(folders);
    const title = cleanName(after);
    const result: ParsedFilename = { kind: 'episode', season, episode };
    if (series !== undefined) result.series = series;
    if (named.year !== undefined) result.year = named.year;
    if (title.length > 0) result.title = title;
    return result;
  }
  return undefined;
}

function parseMovie(basename: string): ParsedFilename | undefined {
  // The last year wins so that "2001.A.Space.Odyssey.1968" keeps 2001 in the title; a year at the
  // very start is never the release year because the title before it would be empty.
  let chosen: RegExpExecArray | undefined;
  for (const match of basename.matchAll(YEAR_RE)) {
    if (cleanName(basename.slice(0, match.index)).length > 0) chosen = match as RegExpExecArray;
  }
  if (chosen === undefined) return undefined;
  const title = cleanName(basename.slice(0, chosen.index));
  return { kind: 'movie', title, year: Number(chosen[1]) };
}

function parseUnknown(basename: string): ParsedFilename {
  const title = cleanName(basename);
  return title.length > 0 ? { kind: 'unknown', title } : { kind: 'unknown' };
}

function seriesFromFolders(folders: readonly string[]): string | undefined {
  for (let i = folders.length - 1; i >= 0; i--) {
    const folder = folders[i] ?? '';
    if (GROUPING_FOLDER_RE.test(cleanName(folder))) continue;
    const name = splitYear(cleanName(folder)).name;
    if (name.length > 0) return name;
  }
  return undefined;
}

/** "Doctor Who (2005)" → name "Doctor Who", year 2005; a series keeps its year as metadata. */
function splitYear(name: string): { name: string; year?: number } {
  const match = /^(.*?)[\s(\[]+((?:19|20)\d{2})[)\]]?$/.exec(name);
  if (match === null || (match[1] ?? '').trim().length === 0) return { name };
  return { name: (match[1] ?? '').trim(), year: Number(match[2]) };
}

/** Cuts release junk, turns scene separators into spaces and trims dangling punctuation. */
function cleanName(raw: string): string {
  let name = raw;
  const junk = QUALITY_RE.exec(name);
  if (junk !== null) name = name.slice(0, junk.index);
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

// The fake Plex server's answers: an in-memory library as Plex Media Server's JSON (MediaContainer with
// Directory or Metadata), for the endpoints the plex importer reads. Undefined means 404.
import type { FakePlexEpisode, FakePlexItem, FakePlexLibrary, FakePlexRequest, FakePlexSection, FakePlexShow } from './fake-plex.js';

type Json = Record<string, unknown>;

const media = (item: FakePlexItem): Json =>
  item.file === undefined ? {} : { Media: [{ id: Number(item.ratingKey) * 10, Part: [{ id: Number(item.ratingKey) * 100, file: item.file, ...(item.size === undefined ? {} : { size: item.size }) }] }] };

const genres = (tags: readonly string[] | undefined): Json => (tags === undefined ? {} : { Genre: tags.map((tag) => ({ tag })) });

/** Fields present only when set, as Plex leaves empty ones out. */
function optional(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function movieJson(section: FakePlexSection, m: FakePlexItem): Json {
  return {
    ratingKey: m.ratingKey,
    key: `/library/metadata/${m.ratingKey}`,
    type: 'movie',
    librarySectionID: Number(section.key),
    updatedAt: m.updatedAt,
    ...optional({ title: m.title, year: m.year, summary: m.summary, contentRating: m.contentRating, thumb: m.thumb, art: m.art }),
    ...genres(m.genres),
    ...media(m),
  };
}

function episodeJson(section: FakePlexSection, show: FakePlexShow, e: FakePlexEpisode): Json {
  return {
    ratingKey: e.ratingKey,
    key: `/library/metadata/${e.ratingKey}`,
    type: 'episode',
    librarySectionID: Number(section.key),
    grandparentRatingKey: show.ratingKey,
    grandparentTitle: show.title,
    parentIndex: e.season,
    index: e.episode,
    updatedAt: e.updatedAt,
    ...optional({ title: e.title, year: e.year, summary: e.summary, contentRating: e.contentRating, thumb: e.thumb, art: e.art, grandparentThumb: show.thumb }),
    // Plex keeps genres on the show: an episode carries one only when the test gives it.
    ...genres(e.genres),
    ...media(e),
  };
}

function showJson(section: FakePlexSection, show: FakePlexShow): Json {
  return {
    ratingKey: show.ratingKey,
    key: `/library/metadata/${show.ratingKey}/children`,
    type: 'show',
    librarySectionID: Number(section.key),
    title: show.title,
    ...optional({ contentRating: show.contentRating, thumb: show.thumb }),
    ...genres(show.genres),
  };
}

function sectionsJson(library: FakePlexLibrary): Json {
  const Directory = library.sections.map((s) => ({
    key: s.key,
    type: s.type,
    title: s.title,
    agent: 'tv.plex.agents.none',
    scanner: 'Plex Video Files Scanner',
    Location: s.locations.map((path, i) => ({ id: Number(s.key) * 100 + i, path })),
  }));
  return { MediaContainer: { size: Directory.length, allowSync: false, title1: 'Plex Library', Directory } };
}

/** A section's items of the asked type (1 movies, 4 episodes, none: its top level), paged like Plex. */
function listingJson(section: FakePlexSection, request: FakePlexRequest): Json {
  const type = request.query['type'];
  const shows = section.shows ?? [];
  const all: Json[] =
    section.type === 'movie' ? (section.movies ?? []).map((m) => movieJson(section, m))
    : type === '4' ? shows.flatMap((show) => show.episodes.map((e) => episodeJson(section, show, e)))
    : shows.map((show) => showJson(section, show));
  const start = request.start ?? 0;
  const page = request.size === undefined ? all.slice(start) : all.slice(start, start + request.size);
  return {
    MediaContainer: { size: page.length, totalSize: all.length, offset: start, librarySectionID: Number(section.key), librarySectionTitle: section.title, Metadata: page },
  };
}

function metadataJson(library: FakePlexLibrary, ratingKey: string): Json | undefined {
  for (const section of library.sections) {
    const movie = section.movies?.find((m) => m.ratingKey === ratingKey);
    if (movie) return movieJson(section, movie);
    for (const show of section.shows ?? []) {
      if (show.ratingKey === ratingKey) return showJson(section, show);
      const episode = show.episodes.find((e) => e.ratingKey === ratingKey);
      if (episode) return episodeJson(section, show, episode);
    }
  }
  return undefined;
}

/** The answer to `request`, or undefined for a path the fake does not serve (404). */
export function plexJson(library: FakePlexLibrary, request: FakePlexRequest): Json | undefined {
  if (request.path === '/library/sections') return sectionsJson(library);
  const listing = /^\/library\/sections\/([^/]+)\/all$/.exec(request.path);
  if (listing) {
    const section = library.sections.find((s) => s.key === decodeURIComponent(listing[1] ?? ''));
    return section && listingJson(section, request);
  }
  const metadata = /^\/library\/metadata\/([^/]+)$/.exec(request.path);
  const item = metadata && metadataJson(library, decodeURIComponent(metadata[1] ?? ''));
  return item ? { MediaContainer: { size: 1, Metadata: [item] } } : undefined;
}

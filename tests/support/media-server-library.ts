// One small media-server library over real media files, served by a fake Plex, Jellyfin or Emby
// (tests/support/fake-plex.ts, fake-jellyfin.ts), and a source over it set up through the real CLI.
// The server reports its files under /srv/<type>/{movies,tv}; the files live in a local directory the
// collections map to with --local-path. File names differ from the server's titles on purpose, so an
// asset's title can only have come from the server.
import assert from 'node:assert/strict';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import type { Database } from '../../src/db/open-database.js';
import { cli, type CliRun } from './cli.js';
import { type FakeFault, type FakeItem, type FakeJellyfin, startFakeJellyfin } from './fake-jellyfin.js';
import { type FakePlex, type FakePlexLibrary, startFakePlex } from './fake-plex.js';
import { type Library, type LibraryFile, libraryOf } from './media-fixtures.js';

export type MediaServerType = 'plex' | 'jellyfin' | 'emby';

/** A movie or episode as the server describes it; `file` is relative to the server's library root and to the local copy. */
export interface ServerEntry {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly demo: string;
  readonly year?: number;
  readonly summary?: string;
  readonly genres?: readonly string[];
  readonly contentRating?: string;
  readonly episode?: { readonly series: string; readonly seriesId: string; readonly season: number; readonly episode: number };
}

const clips = ['Bumpers/Test Card.mp4', 'Bumpers/Up Next.mov', 'Bumpers/Station ID - Evening.mp4'] as const;
const clip = (i: number): string => clips[i % clips.length] as string;
const extOf = (demo: string) => demo.slice(demo.lastIndexOf('.'));

/** Five movies (more than two pages of two) and three episodes of one show; ids are the server's. */
export function serverEntries(type: MediaServerType): ServerEntry[] {
  const id = (n: number) => (type === 'plex' ? String(n) : `f00d${String(n).padStart(28, '0')}`);
  const titles = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];
  const movies: ServerEntry[] = titles.map((title, i) => ({
    id: id(101 + i),
    title: `${title} Movie`,
    // The last one lies in the library's second folder, which a test may leave unmapped.
    file: `${i === 4 ? 'more-movies' : 'movies'}/m${i + 1}${extOf(clip(i))}`,
    demo: clip(i),
    year: 1990 + i,
    ...(i === 0 ? { summary: 'The first one.', genres: ['Drama', 'Mystery'], contentRating: 'PG-13' } : {}),
  }));
  const episodes: ServerEntry[] = [1, 2, 3].map((n) => ({
    id: id(200 + n),
    title: ['Pilot', 'Second Wind', 'Third Time'][n - 1] as string,
    file: `tv/show/s${n === 3 ? 2 : 1}/e${n}${extOf(clip(n))}`,
    demo: clip(n),
    episode: { series: 'The Show', seriesId: id(200), season: n === 3 ? 2 : 1, episode: n === 3 ? 1 : n },
    ...(n === 1 ? { summary: 'It begins.' } : {}),
  }));
  return [...movies, ...episodes];
}

/** The local copy of every entry's file, laid out as on the server (movies/…, tv/…). */
export function localMedia(entries: readonly ServerEntry[]): Promise<Library> {
  return libraryOf(Object.fromEntries(entries.map((e): [string, LibraryFile] => [e.file, { demo: e.demo }])));
}

/** The library keys the fake servers give: movies, shows, and two kinds RetroVue leaves out. */
export const libraryKeys = {
  plex: { movies: '1', shows: '2', music: '3', photos: '4' },
  jellyfin: { movies: 'aa000000000000000000000000000001', shows: 'aa000000000000000000000000000002', music: 'aa000000000000000000000000000003', photos: 'aa000000000000000000000000000004' },
} as const;

const isMovie = (e: ServerEntry) => e.episode === undefined;

function plexLibrary(root: string, entries: readonly ServerEntry[]): FakePlexLibrary {
  const keys = libraryKeys.plex;
  const base = (e: ServerEntry) => ({
    ratingKey: e.id, title: e.title, file: `${root}/${e.file}`, updatedAt: 1_700_000_000 + Number(e.id),
    ...(e.year === undefined ? {} : { year: e.year }), ...(e.summary === undefined ? {} : { summary: e.summary }),
    ...(e.genres === undefined ? {} : { genres: [...e.genres] }), ...(e.contentRating === undefined ? {} : { contentRating: e.contentRating }),
    thumb: `/library/metadata/${e.id}/thumb/1700000000`,
  });
  const episodes = entries.filter((e) => !isMovie(e)).map((e) => ({ ...base(e), season: e.episode?.season ?? 0, episode: e.episode?.episode ?? 0 }));
  return {
    sections: [
      { key: keys.movies, title: 'Movies', type: 'movie', locations: [`${root}/movies`, `${root}/more-movies`], movies: entries.filter(isMovie).map(base) },
      {
        key: keys.shows, title: 'Shows', type: 'show', locations: [`${root}/tv`],
        shows: [{ ratingKey: '200', title: 'The Show', genres: ['Comedy'], contentRating: 'TV-PG', thumb: '/library/metadata/200/thumb/1', episodes }],
      },
      { key: keys.music, title: 'Music', type: 'artist', locations: [`${root}/music`] },
      { key: keys.photos, title: 'Photos', type: 'photo', locations: [`${root}/photos`] },
    ],
  };
}

function jellyfinItems(root: string, entries: readonly ServerEntry[]): FakeItem[] {
  const keys = libraryKeys.jellyfin;
  return entries.map((e, i): FakeItem => ({
    id: e.id, type: isMovie(e) ? 'Movie' : 'Episode', libraryId: isMovie(e) ? keys.movies : keys.shows, name: e.title,
    path: `${root}/${e.file}`, dateLastSaved: 1_700_000_000_000 + i * 1000, primaryImageTag: `tag${i}`,
    ...(e.year === undefined ? {} : { year: e.year }), ...(e.summary === undefined ? {} : { overview: e.summary }),
    ...(e.genres === undefined ? {} : { genres: e.genres }), ...(e.contentRating === undefined ? {} : { officialRating: e.contentRating }),
    ...(e.episode === undefined ? {} : { seriesId: e.episode.seriesId, seriesName: e.episode.series, season: e.episode.season, episode: e.episode.episode, seriesPrimaryImageTag: 'seriestag' }),
  }));
}

/** A running fake server of one type over the entries, with what tests do to it in one vocabulary. */
export interface MediaServer {
  readonly type: MediaServerType;
  readonly url: string;
  /** The token or API key. */
  readonly credential: string;
  /** Where the server says its files are (/srv/<type>). */
  readonly root: string;
  /** Requests for a library's item listing so far. */
  listings(): number;
  /** Makes every later item listing misbehave (undefined: behave again); `after` lets that many through. */
  faultListing(kind: FakeFault | undefined, after?: number): void;
  /** Misbehaves on every request (undefined: behave again). */
  faultAll(kind: FakeFault | undefined): void;
  rename(id: string, title: string): void;
  remove(id: string): void;
  close(): Promise<void>;
}

function plexServer(plex: FakePlex, root: string): MediaServer {
  return {
    type: 'plex', url: plex.url, credential: plex.token, root,
    listings: () => plex.requests.filter((r) => /^\/library\/sections\/[^/]+\/all$/.test(r.path)).length,
    faultListing: (kind, after = 0) => plex.fault(kind && { kind, path: '/library/sections/', after }),
    faultAll: (kind) => plex.fault(kind && { kind }),
    rename: (id, title) => plex.updateItem(id, { title, updatedAt: (plex.item(id)?.updatedAt ?? 0) + 60 }),
    remove: (id) => plex.removeItem(id),
    close: () => plex.close(),
  };
}

function jellyfinServer(server: FakeJellyfin, root: string): MediaServer {
  return {
    type: server.flavour, url: server.url, credential: server.apiKey, root,
    listings: () => server.requests.filter((r) => r.path === '/Items').length,
    // Faults counted from now: requests already made do not use up `after`.
    faultListing: (kind, after = 0) => server.setFault(kind, { path: '/Items', after }),
    faultAll: (kind) => server.setFault(kind),
    rename: (id, title) => server.updateItem(id, { name: title }),
    remove: (id) => server.removeItem(id),
    close: () => server.close(),
  };
}

/** Starts a fake server of `type` over `entries`; its secret is made to be recognisable in any output. */
export async function startMediaServer(type: MediaServerType, entries: readonly ServerEntry[]): Promise<MediaServer> {
  const root = `/srv/${type}`;
  const secret = `sEcReT-${type}-cReDeNtIaL-0042`;
  if (type === 'plex') return plexServer(await startFakePlex(plexLibrary(root, entries), { token: secret }), root);
  const keys = libraryKeys.jellyfin;
  const server = await startFakeJellyfin({
    flavour: type, apiKey: secret,
    libraries: [
      { itemId: keys.movies, name: 'Movies', collectionType: 'movies', locations: [`${root}/movies`, `${root}/more-movies`] },
      { itemId: keys.shows, name: 'Shows', collectionType: 'tvshows', locations: [`${root}/tv`] },
      { itemId: keys.music, name: 'Music', collectionType: 'music', locations: [`${root}/music`] },
      { itemId: keys.photos, name: 'Photos', collectionType: 'photos', locations: [`${root}/photos`] },
    ],
    items: jellyfinItems(root, entries),
  });
  return jellyfinServer(server, root);
}

async function ok(database: Database, argv: readonly string[]): Promise<CliRun> {
  const run = await cli(argv, { database });
  assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
  return run;
}

/** `source add` of the server as `name`, with extra config (timeout_ms, page_size…). */
export function addServerSource(database: Database, server: MediaServer, name: string, config: Record<string, unknown> = {}): Promise<CliRun> {
  const credential = server.type === 'plex' ? ['--token', server.credential] : ['--api-key', server.credential];
  return ok(database, ['source', 'add', '--type', server.type, '--name', name, '--url', server.url, ...credential, '--config', JSON.stringify(config)]);
}

/** The `--local-path` arguments mapping the server's `folders` to the local copy. */
export function mappings(server: MediaServer, media: Library, folders: readonly string[]): string[] {
  return folders.flatMap((folder) => ['--local-path', `${server.root}/${folder}=${media.at(folder)}`]);
}

/**
 * A source over the server, discovered, with both collections (`<name>/Movies`, `<name>/Shows`) ingest-enabled
 * and their folders mapped to the local copy, but for the `unmapped` ones.
 */
export async function serverSource(database: Database, server: MediaServer, media: Library, name: string, options: { config?: Record<string, unknown>; unmapped?: readonly string[] } = {}): Promise<void> {
  await addServerSource(database, server, name, options.config);
  await ok(database, ['source', 'discover', name]);
  for (const [collection, folders] of [['Movies', ['movies', 'more-movies']], ['Shows', ['tv']]] as const) {
    const mapped = folders.filter((f) => !(options.unmapped ?? []).includes(f));
    await ok(database, ['collection', 'update', `${name}/${collection}`, '--ingest-enabled', ...mappings(server, media, mapped)]);
  }
}

/**
 * A TCP proxy to `url` that holds each chunk a client sends for `delayMs` (in order), so every request to the
 * server takes at least that long: a listing slow enough for a progress bar to show its pages.
 */
export async function slowProxy(url: string, delayMs: number): Promise<{ readonly url: string; close(): Promise<void> }> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.on('data', (chunk) => setTimeout(() => upstream.write(chunk), delayMs));
    client.on('end', () => setTimeout(() => upstream.end(), delayMs));
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (just closed): a server that is gone. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `use` with a fake server of `type` over the entries and their local copy, both gone afterwards. */
export async function withMediaServer(type: MediaServerType, use: (server: MediaServer, media: Library, entries: ServerEntry[]) => Promise<void>): Promise<void> {
  const entries = serverEntries(type);
  const media = await localMedia(entries);
  const server = await startMediaServer(type, entries);
  try {
    await use(server, media, entries);
  } finally {
    await server.close();
    media.cleanup();
  }
}

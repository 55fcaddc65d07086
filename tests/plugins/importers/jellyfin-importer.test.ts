// The Jellyfin and Emby importers against a fake server (tests/support/fake-jellyfin.ts), with real small
// files on disk standing for the server's library folders as this machine mounts them. No database.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isRetroVueError } from '../../../src/core/errors.js';
import type { DiscoveredCollection, DiscoveredItem, Importer, ListItemsRequest, SkippedEntry } from '../../../src/plugins/importer.js';
import { embyImporter, jellyfinImporter } from '../../../src/plugins/importers/jellyfin/jellyfin-importer.js';
import type { JellyfinConfig } from '../../../src/plugins/importers/jellyfin/jellyfin-config.js';
import { type FakeFlavour, type FakeItem, type FakeJellyfin, type FakeLibrary, fakeEtag, startFakeJellyfin } from '../../support/fake-jellyfin.js';

const movies: FakeLibrary = { itemId: 'lib-movies', name: 'Movies', collectionType: 'movies', locations: ['/srv/media/movies', '/srv/more/movies'] };
const shows: FakeLibrary = { itemId: 'lib-shows', name: 'Shows', collectionType: 'tvshows', locations: ['/srv/media/tv'] };
const mixed: FakeLibrary = { itemId: 'lib-mixed', name: 'Home and Away', locations: ['/srv/media/mixed'] };
const music: FakeLibrary = { itemId: 'lib-music', name: 'Music', collectionType: 'music', locations: ['/srv/media/music'] };
const saved = Date.UTC(2026, 0, 2, 3, 4, 5);

const movie = (id: string, name: string, file: string, extra: Partial<FakeItem> = {}): FakeItem =>
  ({ id, type: 'Movie', libraryId: movies.itemId, name, path: `/srv/media/movies/${file}`, size: 999, dateLastSaved: saved, ...extra });
const episode = (id: string, season: number, number: number, extra: Partial<FakeItem> = {}): FakeItem => ({
  id, type: 'Episode', libraryId: shows.itemId, name: `Episode ${number}`, path: `/srv/media/tv/Show/S0${season}E0${number}.mkv`,
  seriesId: 'series-1', seriesName: 'The Show', seriesPrimaryImageTag: 'stag', season, episode: number, dateLastSaved: saved, ...extra,
});

let root = '';
/** The server's /srv folders as this machine mounts them. */
const localPathOf = (path: string) => (path.startsWith('/srv/') ? join(root, path.slice('/srv/'.length)) : path);

before(async () => {
  root = await mkdtemp(join(process.env['TMPDIR'] ?? tmpdir(), 'jellyfin-importer-'));
  const files = ['media/movies/Alien (1979).mkv', 'media/movies/Brazil.mkv', 'media/movies/Sub/Cube.mkv', 'more/movies/Dune.mkv', 'media/movies/Eraserhead.mkv',
    'media/tv/Show/S01E01.mkv', 'media/tv/Show/S01E02.mkv'];
  for (const file of files) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), `bytes of ${file}`);
  }
});
after(async () => rm(root, { recursive: true, force: true }));

async function withServer(t: { after: (fn: () => Promise<void>) => void }, items: readonly FakeItem[], flavour: FakeFlavour = 'jellyfin'): Promise<FakeJellyfin> {
  const server = await startFakeJellyfin({ flavour, libraries: [movies, shows, mixed, music], items });
  t.after(() => server.close());
  return server;
}

function configOf(server: FakeJellyfin, extra: Partial<JellyfinConfig> = {}): JellyfinConfig {
  return { url: server.url, api_key: server.apiKey, timeout_ms: 5000, page_size: 200, ...extra };
}

function requestFor(config: JellyfinConfig, collection: DiscoveredCollection, extra: Partial<ListItemsRequest<JellyfinConfig>> = {}): ListItemsRequest<JellyfinConfig> {
  return { config, collection, localRoot: localPathOf(collection.sourcePath), localPathOf, ...extra };
}

const moviesCollection: DiscoveredCollection = { externalKey: movies.itemId, name: 'Movies', sourcePath: '/srv/media/movies' };
const showsCollection: DiscoveredCollection = { externalKey: shows.itemId, name: 'Shows', sourcePath: '/srv/media/tv' };

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Error, 'expected a failure');
  return error;
}

test('the config: url normalised, defaults filled, api_key write-only, and the server is never asked', async () => {
  const config = await jellyfinImporter.normaliseConfig({ url: 'http://127.0.0.1:9/', api_key: ' k ' }, { cwd: '/' });
  assert.deepEqual(config, { url: 'http://127.0.0.1:9', api_key: 'k', timeout_ms: 30000, page_size: 200 });
  const schema = jellyfinImporter.configSchema as { properties: Record<string, Record<string, unknown>>; required: string[]; additionalProperties: boolean };
  assert.equal(schema.properties['api_key']?.['writeOnly'], true);
  assert.deepEqual(schema.required, ['url', 'api_key']);
  assert.equal(schema.additionalProperties, false);
  const bad = await failureOf(jellyfinImporter.normaliseConfig({ url: 'ftp://nas', api_key: 'secret-key' }, { cwd: '/' }));
  assert.ok(isRetroVueError(bad) && bad.code === 'invalid_input' && !bad.message.includes('secret-key'));
  assert.deepEqual(jellyfinImporter.ingestEnrichers, ['ffprobe']);
  assert.equal(jellyfinImporter.readsLocalRoot, undefined);
  assert.equal(jellyfinImporter.collectionSourcePath(config, movies.itemId), undefined);
});

test('discover: movie, show and mixed libraries become collections keyed by ItemId at their first folder; music is left out', async (t) => {
  const server = await withServer(t, []);
  const collections = await jellyfinImporter.discoverCollections(configOf(server));
  assert.deepEqual(collections, [
    moviesCollection,
    showsCollection,
    { externalKey: mixed.itemId, name: 'Home and Away', sourcePath: '/srv/media/mixed' },
  ]);
  assert.deepEqual(server.requests.map((r) => [r.path, r.authorized]), [['/Library/VirtualFolders', true]]);
});

test('paging: page_size 2 over 5 items asks 3 pages in a stable order and reports progress', async (t) => {
  const server = await withServer(t, [
    movie('m1', 'Alien', 'Alien (1979).mkv'), movie('m2', 'Brazil', 'Brazil.mkv'), movie('m3', 'Cube', 'Sub/Cube.mkv'),
    movie('m4', 'Dune', 'Dune.mkv', { path: '/srv/more/movies/Dune.mkv' }), movie('m5', 'Eraserhead', 'Eraserhead.mkv'),
  ]);
  const progress: Array<[number, number | undefined]> = [];
  const items = await jellyfinImporter.listItems(requestFor(configOf(server, { page_size: 2 }), moviesCollection, { onListProgress: (n, total) => progress.push([n, total]) }));
  assert.deepEqual(items.map((i) => i.providerKey), ['m1', 'm2', 'm3', 'm4', 'm5']);
  const pages = server.requests.filter((r) => r.path === '/Items');
  assert.deepEqual(pages.map((r) => [r.query['StartIndex'], r.query['Limit']]), [['0', '2'], ['2', '2'], ['4', '2']]);
  for (const page of pages) {
    assert.equal(page.query['ParentId'], movies.itemId);
    assert.equal(page.query['Recursive'], 'true');
    assert.equal(page.query['IncludeItemTypes'], 'Movie,Episode');
    assert.match(page.query['SortBy'] ?? '', /SortName/);
  }
  assert.deepEqual(progress, [[2, 5], [4, 5], [5, 5]]);
});

test('metadata: a movie and an episode carry the server\'s titles, numbers, year, genres, rating, Etag version and key-free artwork', async (t) => {
  const server = await withServer(t, [
    movie('m1', 'Alien', 'Alien (1979).mkv', { year: 1979, overview: 'In space.', genres: ['Horror', 'Science Fiction'], officialRating: 'R', primaryImageTag: 'ptag' }),
    episode('e2', 1, 2, { overview: 'Two.' }),
    episode('e1', 1, 1, { primaryImageTag: 'etag1', officialRating: 'TV-PG', year: 1990 }),
  ]);
  const [alien] = await jellyfinImporter.listItems(requestFor(configOf(server), moviesCollection));
  assert.deepEqual(alien?.metadata, {
    kind: 'movie', title: 'Alien', year: 1979, summary: 'In space.', genres: ['Horror', 'Science Fiction'], contentRating: 'R',
    artwork: { poster: `${server.url}/Items/m1/Images/Primary?tag=ptag` },
  });
  assert.equal(alien?.version, fakeEtag(saved));
  const episodes = await jellyfinImporter.listItems(requestFor(configOf(server), showsCollection));
  assert.deepEqual(episodes.map((e) => e.providerKey), ['e1', 'e2']);
  assert.deepEqual(episodes[0]?.metadata, {
    kind: 'episode', title: 'Episode 1', series: 'The Show', season: 1, episode: 1, year: 1990, contentRating: 'TV-PG',
    artwork: { thumb: `${server.url}/Items/e1/Images/Primary?tag=etag1`, poster: `${server.url}/Items/series-1/Images/Primary?tag=stag` },
  });
  assert.equal(episodes[1]?.metadata?.summary, 'Two.');
  server.updateItem('e2', { name: 'Second' });
  const changed = await jellyfinImporter.listItems(requestFor(configOf(server), showsCollection));
  assert.equal(changed[1]?.metadata?.title, 'Second');
  assert.notEqual(changed[1]?.version, episodes[1]?.version, 'a saved item gets a new version');
  assert.equal(changed[0]?.version, episodes[0]?.version);
  const everything = JSON.stringify([alien, episodes, changed]);
  assert.ok(!everything.includes(server.apiKey), 'no item carries the key');
});

test('path mapping: the server path goes through localPathOf, is read on disk, and is relative to the library folder holding it', async (t) => {
  const server = await withServer(t, [movie('m3', 'Cube', 'Sub/Cube.mkv'), movie('m4', 'Dune', 'Dune.mkv', { path: '/srv/more/movies/Dune.mkv' })]);
  const items = await jellyfinImporter.listItems(requestFor(configOf(server), moviesCollection));
  const expected = (rel: string, server: string, local: string): Partial<DiscoveredItem> =>
    ({ relativePath: rel, sourcePath: server, path: join(root, local), sizeBytes: `bytes of ${local}`.length });
  assert.deepEqual(items.map((i) => ({ relativePath: i.relativePath, sourcePath: i.sourcePath, path: i.path, sizeBytes: i.sizeBytes })), [
    expected('Sub/Cube.mkv', '/srv/media/movies/Sub/Cube.mkv', 'media/movies/Sub/Cube.mkv'),
    expected('Dune.mkv', '/srv/more/movies/Dune.mkv', 'more/movies/Dune.mkv'),
  ]);
  assert.ok(items.every((i) => i.problem === undefined && i.mtimeMs > 0));
  const under = await jellyfinImporter.listItems(requestFor(configOf(server), moviesCollection, { under: join(root, 'media/movies/Sub') }));
  assert.deepEqual(under.map((i) => i.providerKey), ['m3'], 'only the items below `under`');
});

test('an unmapped path becomes an item with the problem naming the path and the mapping fix; an item with no file is skipped with why', async (t) => {
  const server = await withServer(t, [movie('m1', 'Alien', 'Alien (1979).mkv', { path: '/data/elsewhere/Alien.mkv', size: 4242 }), movie('m9', 'Ghost', 'x', { path: undefined })]);
  const skipped: SkippedEntry[] = [];
  const items = await jellyfinImporter.listItems(requestFor(configOf(server), moviesCollection, { onSkip: (s) => skipped.push(s) }));
  assert.equal(items.length, 1);
  const [alien] = items;
  assert.equal(alien?.path, '/data/elsewhere/Alien.mkv');
  assert.equal(alien?.sizeBytes, 4242, 'the server\'s size stands in');
  assert.match(alien?.problem ?? '', /\/data\/elsewhere\/Alien\.mkv \(the server's path, not mapped\) is not readable here: ENOENT/);
  assert.match(alien?.problem ?? '', /retrovue collection update <source>\/Movies --local-path \/data\/elsewhere=LOCAL/);
  assert.deepEqual(skipped, [{ path: 'Ghost', reason: 'the server knows no file for it (item m9)' }]);
});

test('401: a refused key is one unreachable line saying 401, never the key', async (t) => {
  const server = await withServer(t, []);
  const error = await failureOf(jellyfinImporter.discoverCollections(configOf(server, { api_key: 'wrong-key-5e3cr3t' })));
  assert.ok(isRetroVueError(error) && error.code === 'unreachable');
  assert.match(error.message, /refused the credential \(401\)/);
  assert.ok(!error.message.includes('wrong-key-5e3cr3t') && !error.message.includes('\n'));
});

test('faults: a hang times out at timeout_ms, a page cut short and a 500 are one unreachable line each, none with the key', async (t) => {
  const server = await withServer(t, [movie('m1', 'Alien', 'Alien (1979).mkv'), movie('m2', 'Brazil', 'Brazil.mkv')]);
  const config = configOf(server, { timeout_ms: 300, page_size: 1 });
  server.setFault('hang', { path: '/Items' });
  const started = performance.now();
  const hang = await failureOf(jellyfinImporter.listItems(requestFor(config, moviesCollection)));
  assert.ok(performance.now() - started < 3000, 'the deadline holds');
  assert.match(hang.message, /did not answer \/Items within 0\.3 s/);
  server.setFault('close-mid-page', { path: '/Items', after: 1 });
  const cut = await failureOf(jellyfinImporter.listItems(requestFor(config, moviesCollection)));
  assert.match(cut.message, /^the Jellyfin server http:\/\/127\.0\.0\.1:\d+ closed the connection in the middle of \/Items; try again/);
  server.setFault('error-500');
  const broken = await failureOf(jellyfinImporter.discoverCollections(config));
  assert.match(broken.message, /answered 500 to \/Library\/VirtualFolders/);
  for (const error of [hang, cut, broken]) {
    assert.ok(isRetroVueError(error) && error.code === 'unreachable', error.message);
    assert.ok(!error.message.includes('\n') && !error.message.includes(server.apiKey));
  }
});

test('an aborted signal stops the listing before the next page', async (t) => {
  const server = await withServer(t, [movie('m1', 'Alien', 'Alien (1979).mkv'), movie('m2', 'Brazil', 'Brazil.mkv')]);
  const abort = new AbortController();
  const error = await failureOf(jellyfinImporter.listItems(requestFor(configOf(server, { page_size: 1 }), moviesCollection, {
    signal: abort.signal,
    onListProgress: () => abort.abort(),
  })));
  assert.equal(error.name, 'AbortError');
  assert.equal(server.requests.filter((r) => r.path === '/Items').length, 1);
});

test('emby: its own type sends X-Emby-Token; each importer is refused by the other flavour\'s server', async (t) => {
  const emby = await withServer(t, [movie('m1', 'Alien', 'Alien (1979).mkv')], 'emby');
  const importers: Importer<JellyfinConfig>[] = [embyImporter, jellyfinImporter];
  assert.deepEqual(importers.map((i) => i.type), ['emby', 'jellyfin']);
  const items = await embyImporter.listItems(requestFor(configOf(emby), moviesCollection));
  assert.deepEqual(items.map((i) => [i.providerKey, i.metadata?.title, i.problem]), [['m1', 'Alien', undefined]]);
  assert.ok(emby.requests.every((r) => r.authorized));
  const refused = await failureOf(jellyfinImporter.discoverCollections(configOf(emby)));
  assert.match(refused.message, /^the Jellyfin server .* refused the credential \(401\)/);
  const jellyfin = await withServer(t, []);
  const other = await failureOf(embyImporter.discoverCollections(configOf(jellyfin)));
  assert.match(other.message, /^the Emby server .* refused the credential \(401\)/);
  assert.ok(![refused.message, other.message].some((m) => m.includes(emby.apiKey)));
});

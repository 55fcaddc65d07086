// The plex importer against a fake Plex server (tests/support/fake-plex.ts): discovery, paging, metadata
// mapping, path mapping, and one-line unreachable errors that never carry the token. No database.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { isRetroVueError } from '../../../src/core/errors.js';
import type { DiscoveredCollection, DiscoveredItem, ListItemsRequest, SkippedEntry } from '../../../src/plugins/importer.js';
import { collectionNames, plexImporter } from '../../../src/plugins/importers/plex/plex-importer.js';
import type { PlexConfig } from '../../../src/plugins/importers/plex/plex-config.js';
import { type FakePlex, type FakePlexLibrary, startFakePlex } from '../../support/fake-plex.js';

const root = mkdtempSync(join(tmpdir(), 'retrovue-plex-'));
const serverRoot = '/srv/plex';
const movieFiles = ['Alpha (1999)/Alpha.mkv', 'Beta.mp4', 'Gamma.mkv', 'Delta.mkv', 'Epsilon.avi'];
const episodeFiles = ['The Show/Season 1/S01E01.mkv', 'The Show/Season 1/S01E02.mkv', 'Other/S01E01.mkv'];

function library(): FakePlexLibrary {
  const movie = (i: number, file: string) => ({ ratingKey: String(101 + i), title: `Movie ${i}`, file: `${serverRoot}/movies/${file}`, size: 1000 + i, updatedAt: 1_700_000_000 + i });
  return {
    sections: [
      {
        key: '1', title: 'Movies', type: 'movie', locations: [`${serverRoot}/movies`],
        movies: movieFiles.map((file, i) =>
          i === 0
            ? { ...movie(0, file), title: 'Alpha', year: 1999, summary: 'The first.', genres: ['Drama', 'Mystery'], contentRating: 'PG-13', thumb: '/library/metadata/101/thumb/1700000000', art: '/library/metadata/101/art/1700000000' }
            : movie(i, file),
        ),
      },
      {
        key: '2', title: 'TV Shows', type: 'show', locations: [`${serverRoot}/tv`],
        shows: [
          {
            ratingKey: '200', title: 'The Show', genres: ['Comedy', 'Family'], contentRating: 'TV-PG', thumb: '/library/metadata/200/thumb/1',
            episodes: [
              { ratingKey: '201', title: 'Pilot', season: 1, episode: 1, file: `${serverRoot}/tv/${episodeFiles[0]}`, updatedAt: 1_700_000_201, thumb: '/library/metadata/201/thumb/2' },
              { ratingKey: '202', title: 'Second', season: 1, episode: 2, file: `${serverRoot}/tv/${episodeFiles[1]}`, updatedAt: 1_700_000_202, contentRating: 'TV-14' },
              { ratingKey: '203', title: 'Lost one', season: 1, episode: 3, updatedAt: 1_700_000_203 },
            ],
          },
          { ratingKey: '300', title: 'Other', genres: ['News'], episodes: [{ ratingKey: '301', title: 'Only', season: 1, episode: 1, file: `${serverRoot}/tv/${episodeFiles[2]}`, updatedAt: 5 }] },
        ],
      },
      { key: '3', title: 'Music', type: 'artist', locations: [`${serverRoot}/music`] },
    ],
  };
}

let plex: FakePlex;
before(async () => {
  for (const [i, file] of [...movieFiles.map((f) => `movies/${f}`), ...episodeFiles.map((f) => `tv/${f}`)].entries()) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), Buffer.alloc(10 + i));
  }
  plex = await startFakePlex(library(), { token: 'sEcReT-pLeX-tOkEn' });
});
after(async () => {
  await plex.close();
  rmSync(root, { recursive: true, force: true });
});

const config = (extra: Partial<PlexConfig> = {}): Promise<PlexConfig> =>
  plexImporter.normaliseConfig({ url: `${plex.url}/`, token: plex.token, ...extra }, { cwd: root });
const mapped = (path: string) => (path.startsWith(`${serverRoot}/`) ? join(root, path.slice(serverRoot.length + 1)) : path);
const movies: DiscoveredCollection = { externalKey: '1', name: 'Movies', sourcePath: `${serverRoot}/movies` };
const shows: DiscoveredCollection = { externalKey: '2', name: 'TV Shows', sourcePath: `${serverRoot}/tv` };

function list(c: PlexConfig, collection: DiscoveredCollection, extra: Partial<ListItemsRequest<PlexConfig>> = {}) {
  const skipped: SkippedEntry[] = [];
  const progress: Array<[number, number | undefined]> = [];
  const request: ListItemsRequest<PlexConfig> = {
    config: c, collection, localRoot: mapped(collection.sourcePath), localPathOf: mapped,
    onSkip: (s) => skipped.push(s), onListProgress: (listed, total) => progress.push([listed, total]), ...extra,
  };
  return plexImporter.listItems(request).then((items) => ({ items, skipped, progress }));
}
const byKey = (items: DiscoveredItem[], key: string) => items.find((i) => i.providerKey === key);

/** The error a call fails with, asserted to be a one-line `unreachable` RetroVueError without the token. */
async function unreachable(call: () => Promise<unknown>): Promise<string> {
  const error: unknown = await call().then(() => assert.fail('expected a failure'), (e: unknown) => e);
  assert.ok(isRetroVueError(error), String(error));
  assert.equal(error.code, 'unreachable');
  assert.doesNotMatch(error.message, /\n/);
  assert.ok(!error.message.includes(plex.token), error.message);
  return error.message;
}

test('normaliseConfig fills defaults and trims the url without asking the server', async () => {
  const c = await plexImporter.normaliseConfig({ url: 'http://127.0.0.1:1/', token: 't' }, { cwd: root });
  assert.deepEqual(c, { url: 'http://127.0.0.1:1', token: 't', timeout_ms: 30_000, page_size: 200 });
  await assert.rejects(plexImporter.normaliseConfig({ url: 'ftp://nas', token: 't' }, { cwd: root }), /http:\/\/ or https:\/\//);
  assert.equal((plexImporter.configSchema['properties'] as Record<string, { writeOnly?: boolean }>)['token']?.writeOnly, true);
  assert.deepEqual(plexImporter.ingestEnrichers, ['ffprobe']);
  assert.equal(plexImporter.readsLocalRoot, undefined);
  assert.equal(plexImporter.collectionSourcePath(c, '1'), undefined);
});

test('discover: movie and show libraries become collections named by title at their first folder; the token goes in a header', async () => {
  const before = plex.requests.length;
  const found = await plexImporter.discoverCollections(await config());
  assert.deepEqual(found, [
    { externalKey: '1', name: 'Movies', sourcePath: `${serverRoot}/movies` },
    { externalKey: '2', name: 'TV Shows', sourcePath: `${serverRoot}/tv` },
  ]);
  const [request] = plex.requests.slice(before);
  assert.equal(request?.path, '/library/sections');
  assert.equal(request?.hadToken, true);
  assert.deepEqual(request?.query, {});
  assert.equal(request?.headers['accept'], 'application/json');
  assert.ok(request?.headers['x-plex-client-identifier'] && request.headers['x-plex-product']);
});

test('collection names are printable and unique within the source', () => {
  const names = collectionNames([
    { key: '1', type: 'movie', title: 'Films', locations: [] },
    { key: '7', type: 'movie', title: 'Films', locations: [] },
    { key: '9', type: 'show', title: 'Bad\u001b[31m\nName', locations: [] },
    { key: '4', type: 'show', title: '  ', locations: [] },
  ]);
  assert.deepEqual([...names.values()], ['Films (1)', 'Films (7)', 'Bad [31m Name', 'library 4']);
});

test('list pages with X-Plex-Container-Start/Size: page_size 2 over 5 movies makes 3 requests and reports progress', async () => {
  const before = plex.listingRequests('1').length;
  const { items, progress } = await list(await config({ page_size: 2 }), movies);
  const pages = plex.listingRequests('1').slice(before);
  assert.deepEqual(pages.map((r) => [r.query['type'], r.start, r.size]), [['1', 0, 2], ['1', 2, 2], ['1', 4, 2]]);
  assert.deepEqual(progress, [[2, 5], [4, 5], [5, 5]]);
  assert.deepEqual(items.map((i) => i.providerKey).sort(), ['101', '102', '103', '104', '105']);
});

test('a movie keeps Plex metadata, its updatedAt as version, and artwork URLs on the server without the token', async () => {
  const c = await config();
  const alpha = byKey((await list(c, movies)).items, '101');
  assert.deepEqual(alpha?.metadata, {
    kind: 'movie', title: 'Alpha', year: 1999, summary: 'The first.', genres: ['Drama', 'Mystery'], contentRating: 'PG-13',
    artwork: { poster: `${plex.url}/library/metadata/101/thumb/1700000000`, art: `${plex.url}/library/metadata/101/art/1700000000` },
  });
  assert.equal(alpha?.version, '1700000000');
  assert.ok(!JSON.stringify(alpha).includes(plex.token));
});

test('episodes take series, season, episode, the show genres and its rating when they lack one; the show is asked once', async () => {
  const before = plex.requests.length;
  const { items, skipped } = await list(await config(), shows);
  const [pilot, second, other] = ['201', '202', '301'].map((k) => byKey(items, k)?.metadata);
  assert.deepEqual(pilot, {
    kind: 'episode', title: 'Pilot', series: 'The Show', season: 1, episode: 1, genres: ['Comedy', 'Family'], contentRating: 'TV-PG',
    artwork: { poster: `${plex.url}/library/metadata/200/thumb/1`, thumb: `${plex.url}/library/metadata/201/thumb/2` },
  });
  assert.equal(second?.contentRating, 'TV-14');
  assert.deepEqual(other?.genres, ['News']);
  const showLookups = plex.requests.slice(before).filter((r) => r.path.startsWith('/library/metadata/'));
  assert.deepEqual(showLookups.map((r) => r.path).sort(), ['/library/metadata/200', '/library/metadata/300']);
  // An episode without a file part is skipped with its reason, never an item.
  assert.equal(byKey(items, '203'), undefined);
  assert.deepEqual(skipped.map((s) => s.path), ['Lost one']);
  assert.match(skipped[0]?.reason ?? '', /203 has no file/);
});

test('a mapped path is read on this machine: local path, size and mtime from the file, relative to the library folder', async () => {
  const { items } = await list(await config(), movies);
  const alpha = byKey(items, '101');
  const local = join(root, 'movies', 'Alpha (1999)', 'Alpha.mkv');
  assert.equal(alpha?.path, local);
  assert.equal(alpha?.relativePath, 'Alpha (1999)/Alpha.mkv');
  assert.equal(alpha?.sourcePath, `${serverRoot}/movies/Alpha (1999)/Alpha.mkv`);
  assert.equal(alpha?.sizeBytes, statSync(local).size);
  assert.equal(alpha?.mtimeMs, Math.trunc(statSync(local).mtimeMs));
  assert.equal(alpha?.problem, undefined);
});

test('an unmapped path gives the item a problem naming the path and the --local-path fix', async () => {
  const { items } = await list(await config(), movies, { localPathOf: (p) => p });
  const beta = byKey(items, '102');
  assert.equal(beta?.path, `${serverRoot}/movies/Beta.mp4`);
  assert.equal(beta?.sizeBytes, 1001); // the server's Part.size when the file is not readable here
  assert.match(beta?.problem ?? '', /\/srv\/plex\/movies\/Beta\.mp4 \(the server's path, not mapped\) is not readable here: ENOENT/);
  assert.match(beta?.problem ?? '', /retrovue collection update <source>\/Movies --local-path \/srv\/plex\/movies=LOCAL/);
});

test('under lists only the items whose local path lies inside it', async () => {
  const { items } = await list(await config(), shows, { under: join(root, 'tv', 'The Show') });
  assert.deepEqual(items.map((i) => i.providerKey).sort(), ['201', '202']);
});

test('a refused token is one unreachable line naming 401, never the token', async () => {
  const message = await unreachable(async () => plexImporter.discoverCollections(await config({ token: 'wrong-token' })));
  assert.match(message, /refused the credential \(401\)/);
  assert.ok(!message.includes('wrong-token'));
});

// collection ingest B-21 / source discover B-4: a 403 (a token without access) is a refused credential too, with its fix.
test('a forbidden token (403) is one unreachable line naming 403 and the --token fix, never the token', async (t) => {
  plex.fault({ kind: 'forbidden' });
  t.after(() => plex.fault(undefined));
  // A valid token the server still refuses; unreachable() checks it is not in the message.
  const message = await unreachable(async () => plexImporter.discoverCollections(await config()));
  assert.match(message, /refused the credential \(403\); get a current X-Plex-Token .* --token TOKEN$/);
});

test('a server that never answers fails within timeout_ms', async (t) => {
  plex.fault({ kind: 'hang' });
  t.after(() => plex.fault(undefined));
  const started = performance.now();
  const message = await unreachable(async () => plexImporter.discoverCollections(await config({ timeout_ms: 300 })));
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 250 && elapsed < 2000, `took ${elapsed} ms`);
  assert.match(message, /did not answer \/library\/sections within 0\.3 s/);
});

// collection ingest B-21 / source discover B-4: timeout_ms bounds the whole answer, so a server that sends
// its headers and then trickles the body (never idle for timeout_ms) still fails within it.
test('a page whose body trickles in past timeout_ms fails within timeout_ms', async (t) => {
  plex.fault({ kind: 'trickle', path: '/library/sections/1/all' });
  t.after(() => plex.fault(undefined));
  const started = performance.now();
  const message = await unreachable(async () => list(await config({ timeout_ms: 400 }), movies));
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 350 && elapsed < 2500, `took ${elapsed} ms`);
  assert.match(message, /did not answer \/library\/sections\/1\/all within 0\.4 s/);
});

test('a connection closed in the middle of a page is one line; so is a 500', async (t) => {
  t.after(() => plex.fault(undefined));
  plex.fault({ kind: 'close-mid-page', path: '/library/sections/1/all', after: 1 });
  const cut = await unreachable(async () => list(await config({ page_size: 2 }), movies));
  assert.match(cut, /closed the connection in the middle of \/library\/sections\/1\/all/);
  plex.fault({ kind: 'error-500', path: '/library/metadata/' });
  assert.match(await unreachable(async () => list(await config(), shows)), /answered 500 to \/library\/metadata\/200/);
});

test('an aborted listing stops asking the server', async () => {
  const controller = new AbortController();
  const before = plex.listingRequests('1').length;
  const listing = list(await config({ page_size: 1 }), movies, { signal: controller.signal, onListProgress: () => controller.abort() });
  await assert.rejects(listing, (e: Error) => e.name === 'AbortError');
  assert.equal(plex.listingRequests('1').length - before, 1);
});

test("the fake's library changes show in the next listing: a new updatedAt and title, a removed item", async (t) => {
  const alpha = plex.item('101');
  const saved = { title: alpha?.title ?? '', updatedAt: alpha?.updatedAt ?? 0 };
  const removed = plex.item('105');
  t.after(() => {
    plex.updateItem('101', saved);
    if (removed) plex.library.sections[0]?.movies?.push(removed);
  });
  plex.updateItem('101', { title: 'Alpha Redux', updatedAt: 1_800_000_000 });
  plex.removeItem('105');
  const { items } = await list(await config(), movies);
  assert.equal(byKey(items, '101')?.version, '1800000000');
  assert.equal(byKey(items, '101')?.metadata?.title, 'Alpha Redux');
  assert.deepEqual(items.map((i) => i.providerKey).sort(), ['101', '102', '103', '104']);
});

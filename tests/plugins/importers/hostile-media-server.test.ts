// The media-server importers against servers that misbehave in ways the fakes do not: paging ignored
// (the same page forever), an endless 200 body, paths no file can have or that leave their library, and
// control characters in titles. Each answer comes from a bare node:http handler. No database.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isRetroVueError } from '../../../src/core/errors.js';
import type { DiscoveredItem } from '../../../src/plugins/importer.js';
import { jellyfinImporter } from '../../../src/plugins/importers/jellyfin/jellyfin-importer.js';
import { getJson } from '../../../src/plugins/importers/media-server-http.js';
import { plexImporter } from '../../../src/plugins/importers/plex/plex-importer.js';
import { serverFile } from '../../../src/plugins/importers/server-file.js';
import { maxServerText } from '../../../src/plugins/importers/server-text.js';

const root = mkdtempSync(join(process.env['TMPDIR'] ?? tmpdir(), 'hostile-server-'));
after(() => rmSync(root, { recursive: true, force: true }));

type Handler = (path: string, res: ServerResponse, req: IncomingMessage) => void;
const json = (res: ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** A server answering with `handler`; returns its URL and how many requests each path got. */
async function serve(t: { after: (fn: () => void) => void }, handler: Handler): Promise<{ url: string; hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    handler(path, res, req);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const plexSections = { MediaContainer: { Directory: [{ key: '1', type: 'movie', title: 'Movies', Location: [{ path: '/srv/movies' }] }] } };
const plexMovie = (key: string, extra: Record<string, unknown> = {}) =>
  ({ ratingKey: key, type: 'movie', title: `Movie ${key}`, Media: [{ Part: [{ file: `/srv/movies/${key}.mkv` }] }], ...extra });
const plexCollection = { externalKey: '1', name: 'Movies', sourcePath: '/srv/movies' };
const jellyfinLibraries = [{ ItemId: 'lib', Name: 'Movies', CollectionType: 'movies', Locations: ['/srv/movies'] }];
const jellyfinCollection = { externalKey: 'lib', name: 'Movies', sourcePath: '/srv/movies' };

async function listPlex(url: string, extra: Record<string, unknown> = {}): Promise<DiscoveredItem[]> {
  const config = await plexImporter.normaliseConfig({ url, token: 'tok', timeout_ms: 5000, ...extra }, { cwd: root });
  return plexImporter.listItems({ config, collection: plexCollection, localRoot: '/srv/movies', localPathOf: (p) => p });
}

async function listJellyfin(url: string, extra: Record<string, unknown> = {}): Promise<DiscoveredItem[]> {
  const config = await jellyfinImporter.normaliseConfig({ url, api_key: 'key', timeout_ms: 5000, ...extra }, { cwd: root });
  return jellyfinImporter.listItems({ config, collection: jellyfinCollection, localRoot: '/srv/movies', localPathOf: (p) => p });
}

/** A listing that must fail within a few pages, not run until memory is gone. */
async function unreachable(listing: Promise<unknown>): Promise<string> {
  const error: unknown = await listing.then(() => assert.fail('expected a failure'), (e: unknown) => e);
  assert.ok(isRetroVueError(error) && error.code === 'unreachable', String(error));
  return error.message;
}

test('a Plex server that ignores X-Plex-Container-Start (the same page forever, a huge total) fails on the second page', { timeout: 10_000 }, async (t) => {
  const { url, hits } = await serve(t, (path, res) =>
    json(res, path === '/library/sections' ? plexSections : { MediaContainer: { totalSize: 1e12, Metadata: [plexMovie('1'), plexMovie('2')] } }));
  const message = await unreachable(listPlex(url, { page_size: 2 }));
  assert.match(message, /answered \/library\/sections\/1\/all at offset 2 with no item it had not already listed/);
  assert.equal(hits.get('/library/sections/1/all'), 2);
});

test('a Jellyfin server that ignores StartIndex fails on the second page', { timeout: 10_000 }, async (t) => {
  const { url, hits } = await serve(t, (path, res) =>
    json(res, path === '/Library/VirtualFolders' ? jellyfinLibraries : { TotalRecordCount: 1e12, Items: [{ Id: 'a', Type: 'Movie', Path: '/srv/movies/a.mkv' }] }));
  const message = await unreachable(listJellyfin(url, { page_size: 1 }));
  assert.match(message, /answered \/Items at offset 1 with no item it had not already listed/);
  assert.equal(hits.get('/Items'), 2);
});

test('an endless 200 body is cut at the size limit with one line, long before timeout_ms', { timeout: 10_000 }, async (t) => {
  const { url } = await serve(t, (_path, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 32);
    const more = () => {
      while (!res.destroyed && res.write(chunk));
    };
    res.on('drain', more);
    more();
  });
  const started = performance.now();
  const request = { server: 'the Plex server', baseUrl: url, path: '/library/sections', headers: {}, timeoutMs: 30_000, credentialFix: '', maxBytes: 1024 * 1024 };
  const message = await unreachable(getJson(request));
  assert.match(message, /answered \/library\/sections with more than 1 MiB; lower page_size/);
  assert.ok(performance.now() - started < 5000);
});

test('a server path with a NUL byte, relative, Windows or with ".." is never read: the item says why', async () => {
  mkdirSync(join(root, 'lib'), { recursive: true });
  writeFileSync(join(root, 'secret.mkv'), 'outside the library');
  writeFileSync(join(root, 'lib', 'a.mkv'), 'a');
  const fix = 'map it';
  const cases: Array<[string, RegExp]> = [
    [`${root}/lib/a\u0000.mkv`, /which has a NUL byte/],
    ['lib/a.mkv', /which is not absolute/],
    ['D:\\Movies\\a.mkv', /which is a Windows path/],
    [`${root}/lib/../secret.mkv`, /which has a '\.\.' segment/],
  ];
  for (const [serverPath, why] of cases) {
    const file = await serverFile(serverPath, [`${root}/lib`], (p) => p, fix, 7);
    assert.match(file.problem ?? '', why, serverPath);
    assert.equal(file.sizeBytes, 7);
    assert.ok(!file.path.includes('\u0000') && !file.relativePath.includes('\u0000'));
  }
});

test('NUL and escape characters in Plex and Jellyfin titles, summaries and genres are dropped (the catalog refuses NUL)', async (t) => {
  const dirty = { title: 'Ni\u0000ght\u001b[31m', summary: 'one\ntwo\u0000', Genre: [{ tag: 'Dra\u0000ma' }] };
  const plex = await serve(t, (path, res) =>
    json(res, path === '/library/sections' ? plexSections : { MediaContainer: { totalSize: 1, Metadata: [plexMovie('1', dirty)] } }));
  const [fromPlex] = await listPlex(plex.url);
  assert.deepEqual(fromPlex?.metadata, { kind: 'movie', title: 'Night[31m', summary: 'one\ntwo', genres: ['Drama'] });
  const jellyfin = await serve(t, (path, res) =>
    json(res, path === '/Library/VirtualFolders' ? jellyfinLibraries : {
      TotalRecordCount: 1, Items: [{ Id: 'a', Type: 'Movie', Path: '/srv/movies/a.mkv', Name: dirty.title, Overview: dirty.summary, Genres: ['Dra\u0000ma'] }],
    }));
  const [fromJellyfin] = await listJellyfin(jellyfin.url);
  assert.deepEqual(fromJellyfin?.metadata, { kind: 'movie', title: 'Night[31m', summary: 'one\ntwo', genres: ['Drama'] });
});

test('429 and 503 say the server is busy; a redirect to another host is named, not followed, and gets no token', async (t) => {
  const elsewhere = await serve(t, (_path, res) => json(res, plexSections));
  let status = 503;
  const { url } = await serve(t, (_path, res) => res.writeHead(status, { location: `${elsewhere.url}/library/sections` }).end());
  const config = await plexImporter.normaliseConfig({ url, token: 'tok', timeout_ms: 5000 }, { cwd: root });
  for (const busy of [503, 429]) {
    status = busy;
    assert.match(await unreachable(plexImporter.discoverCollections(config)), new RegExp(`answered ${busy} to /library/sections; the server is busy or failing; try again later`));
  }
  status = 301;
  const message = await unreachable(plexImporter.discoverCollections(config));
  assert.match(message, new RegExp(`answered 301 to /library/sections; it redirects to ${elsewhere.url}, which RetroVue does not follow`));
  assert.equal(elsewhere.hits.size, 0);
});

test('a token or API key with a line break, a tab or a non-ASCII character is refused when the config is checked, never echoed', async () => {
  for (const secret of ['SeCrEt\r\nX-Evil: 1', 'SeCrEt\tkey', 'SeCrEtключ']) {
    const attempts = [
      plexImporter.normaliseConfig({ url: 'http://nas:32400', token: secret }, { cwd: root }),
      jellyfinImporter.normaliseConfig({ url: 'http://nas:8096', api_key: secret }, { cwd: root }),
    ];
    for (const attempt of attempts) {
      const error: unknown = await attempt.then(() => assert.fail(`accepted ${JSON.stringify(secret)}`), (e: unknown) => e);
      assert.ok(isRetroVueError(error) && error.code === 'invalid_input', String(error));
      assert.match(error.message, /must be a non-empty string of visible ASCII characters/);
      assert.ok(!error.message.includes('SeCrEt'));
    }
  }
});

test('a total smaller than the library (or none) does not cut the listing short while pages come back full', async (t) => {
  const all = ['1', '2', '3', '4', '5'];
  const page = (start: number, size: number) => all.slice(start, start + size);
  const plex = await serve(t, (path, res, req) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const keys = page(Number(q.get('X-Plex-Container-Start')), Number(q.get('X-Plex-Container-Size')));
    json(res, path === '/library/sections' ? plexSections : { MediaContainer: { totalSize: 2, Metadata: keys.map((k) => plexMovie(k)) } });
  });
  assert.deepEqual((await listPlex(plex.url, { page_size: 2 })).map((i) => i.providerKey), all);
  const jellyfin = await serve(t, (path, res, req) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const keys = page(Number(q.get('StartIndex')), Number(q.get('Limit')));
    json(res, path === '/Library/VirtualFolders' ? jellyfinLibraries : { Items: keys.map((k) => ({ Id: k, Type: 'Movie', Path: `/srv/movies/${k}.mkv` })) });
  });
  assert.deepEqual((await listJellyfin(jellyfin.url, { page_size: 2 })).map((i) => i.providerKey), all);
});

test('a lone UTF-16 surrogate (which jsonb refuses) becomes U+FFFD, and a megabyte summary is cut to maxServerText', async (t) => {
  const huge = 'x'.repeat(1_000_000);
  const plex = await serve(t, (path, res) =>
    json(res, path === '/library/sections' ? plexSections : { MediaContainer: { totalSize: 1, Metadata: [plexMovie('1', { title: 'Lone \ud800 half', summary: huge })] } }));
  const [item] = await listPlex(plex.url);
  assert.equal(item?.metadata?.title, 'Lone \ufffd half');
  assert.equal(item?.metadata?.summary, huge.slice(0, maxServerText));
  assert.ok(maxServerText < 100_000);
});

test('a server url keeps its path prefix (a reverse proxy) and drops an empty "?" or "#", so requests never land in a query', async () => {
  const cases: Array<[string, string]> = [
    ['http://nas/plex/', 'http://nas/plex'],
    ['http://nas/plex?', 'http://nas/plex'],
    ['http://nas:8096/jf/#', 'http://nas:8096/jf'],
    ['HTTP://[::1]:32400/', 'http://[::1]:32400'],
  ];
  for (const [given, expected] of cases) {
    assert.equal((await plexImporter.normaliseConfig({ url: given, token: 't' }, { cwd: root })).url, expected, given);
    assert.equal((await jellyfinImporter.normaliseConfig({ url: given, api_key: 'k' }, { cwd: root })).url, expected, given);
  }
});

test('a page of episodes from as many shows looks the shows up at most 8 at a time, not all at once', async (t) => {
  let open = 0;
  let most = 0;
  const count = 40;
  const tv = { MediaContainer: { Directory: [{ key: '1', type: 'show', title: 'TV', Location: [{ path: '/srv/movies' }] }] } };
  const episodes = Array.from({ length: count }, (_, i) => plexMovie(`e${i}`, { type: 'episode', grandparentRatingKey: `s${i}` }));
  const { url } = await serve(t, (path, res) => {
    if (!path.startsWith('/library/metadata/')) return json(res, path === '/library/sections' ? tv : { MediaContainer: { totalSize: count, Metadata: episodes } });
    most = Math.max(most, ++open);
    // Each show answers after a server's think time, so lookups made together overlap.
    setTimeout(() => {
      open--;
      json(res, { MediaContainer: { Metadata: [{ ratingKey: path.split('/').pop(), type: 'show' }] } });
    }, 20);
  });
  assert.equal((await listPlex(url, { page_size: count })).length, count);
  assert.ok(most >= 2 && most <= 8, `at most ${most} show lookups at once`);
});

test('Jellyfin libraries sharing a title (or differing only in spaces) become collections with distinct names', async (t) => {
  const { url } = await serve(t, (_path, res) => json(res, [
    { ItemId: 'l1', Name: 'Movies', CollectionType: 'movies', Locations: ['/a'] },
    { ItemId: 'l2', Name: 'Movies', CollectionType: 'movies', Locations: ['/b'] },
    { ItemId: 'l3', Name: ' Movies ', Locations: ['/c'] },
    { ItemId: 'l4', Name: 'Shows', CollectionType: 'tvshows', Locations: ['/d'] },
  ]));
  const config = await jellyfinImporter.normaliseConfig({ url, api_key: 'k' }, { cwd: root });
  const names = (await jellyfinImporter.discoverCollections(config)).map((c) => c.name);
  assert.deepEqual(names, ['Movies (l1)', 'Movies (l2)', 'Movies (l3)', 'Shows']);
});

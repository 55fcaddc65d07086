// Issue 21 end to end, as an operator runs it: a Plex-shaped and a Jellyfin-shaped library of a show and
// a film (fake servers answering the documented endpoints; real media files at the mapped paths) go
// through the real CLI — source add, discover, local-path mapping, ingest, a channel in one command — then
// `retrovue runtime serve` (the built binary) airs them from the local files, and a second ingest of each
// library changes nothing.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Database } from '../../src/db/open-database.js';
import { cli, json } from '../support/cli.js';
import { startFakeJellyfin } from '../support/fake-jellyfin.js';
import { startFakePlex } from '../support/fake-plex.js';
import { libraryOf, withEmbeddedDatabase } from '../support/media-fixtures.js';
import { survivors } from '../support/processes.js';
import { startServe, type ServeProcess } from '../support/runtime-binary.js';
import { tuneIn } from '../support/runtime.js';
import { decodeWarnings } from '../support/ts-analysis.js';

const home = mkdtempSync(join(tmpdir(), 'retrovue-media-servers-'));
const env = { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined };
after(() => rmSync(home, { recursive: true, force: true }));

async function ok(database: Database, argv: readonly string[]): Promise<Record<string, unknown>> {
  const run = await cli([...argv, '--json'], { database });
  assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
  return json(run);
}

/** Three seconds of a channel's stream, cut to whole packets, in a file. */
async function watch(serve: ServeProcess, channel: string): Promise<string> {
  const viewer = await tuneIn(`${serve.url}/channel/${channel}.ts`);
  assert.equal(viewer.status, 200);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  viewer.close();
  const bytes = viewer.bytes();
  const file = join(home, `${channel}.ts`);
  writeFileSync(file, bytes.subarray(0, bytes.length - (bytes.length % 188)));
  return file;
}

async function streamsOf(file: string): Promise<string[]> {
  const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', file]);
  return [...new Set(stdout.split('\n').filter(Boolean))].sort();
}

describe('runtime: Plex and Jellyfin libraries through the CLI and runtime serve', () => {
  it('ingests both into ready assets with their metadata, airs them from the local files, and re-ingests with nothing changed', { timeout: 120_000 }, async (t) => {
    const lib = await libraryOf({
      'tv/Comet/S01E01.mp4': { demo: 'Bumpers/Test Card.mp4' },
      'tv/Comet/S01E02.mov': { demo: 'Bumpers/Up Next.mov' },
      'films/Night (1987).mp4': { demo: 'Bumpers/Station ID - Evening.mp4' },
    });
    t.after(lib.cleanup);
    const plex = await startFakePlex({ sections: [{ key: '2', title: 'TV Shows', type: 'show', locations: ['/data/tv'], shows: [{
      ratingKey: '200', title: 'Captain Comet', genres: ['Sci-Fi'], contentRating: 'TV-G', episodes: [
        { ratingKey: '201', title: 'Launch', file: '/data/tv/Comet/S01E01.mp4', updatedAt: 1_760_000_000, season: 1, episode: 1 },
        { ratingKey: '202', title: 'Orbit', file: '/data/tv/Comet/S01E02.mov', updatedAt: 1_760_000_000, season: 1, episode: 2 },
      ] }] }] }, { token: 'e2e-plex-token' });
    t.after(() => plex.close());
    const jellyfin = await startFakeJellyfin({
      libraries: [{ itemId: 'films', name: 'Films', collectionType: 'movies', locations: ['/media/films'] }],
      items: [{ id: 'f1', type: 'Movie', libraryId: 'films', name: 'Night Film', path: '/media/films/Night (1987).mp4', year: 1987, overview: 'A night.', genres: ['Drama'], officialRating: 'PG', dateLastSaved: 1_760_000_000_000 }],
    });
    t.after(() => jellyfin.close());

    await withEmbeddedDatabase(home, async (database) => {
      await ok(database, ['source', 'add', '--type', 'plex', '--name', 'plex', '--url', plex.url, '--token', 'e2e-plex-token']);
      await ok(database, ['source', 'add', '--type', 'jellyfin', '--name', 'jf', '--url', jellyfin.url, '--api-key', jellyfin.apiKey]);
      await ok(database, ['source', 'discover', 'plex']);
      await ok(database, ['source', 'discover', 'jf']);
      await ok(database, ['collection', 'update', 'plex/TV Shows', '--ingest-enabled', '--local-path', `/data/tv=${lib.at('tv')}`]);
      await ok(database, ['collection', 'update', 'jf/Films', '--ingest-enabled', '--local-path', `/media/films=${lib.at('films')}`]);
      for (const ref of ['plex/TV Shows', 'jf/Films']) {
        const first = await ok(database, ['collection', 'ingest', ref]);
        assert.deepEqual([first['new'], first['invalid']], [ref === 'jf/Films' ? 1 : 2, 0], JSON.stringify(first));
      }
      const assets = await database.db.selectFrom('asset').select(['title', 'series', 'season', 'episode', 'year', 'state', 'kind']).orderBy('title').execute();
      assert.deepEqual(assets, [
        { title: 'Launch', series: 'Captain Comet', season: 1, episode: 1, year: null, state: 'ready', kind: 'episode' },
        { title: 'Night Film', series: null, season: null, episode: null, year: 1987, state: 'ready', kind: 'movie' },
        { title: 'Orbit', series: 'Captain Comet', season: 1, episode: 2, year: null, state: 'ready', kind: 'episode' },
      ]);
      await ok(database, ['channel', 'add', '--id', 'comet', '--name', 'Comet TV', '--number', '5', '--from', 'series:Captain Comet', '--build']);
      await ok(database, ['channel', 'add', '--id', 'films', '--name', 'Films', '--number', '6', '--from', 'collection:jf/Films', '--build']);
      for (const ref of ['plex/TV Shows', 'jf/Films']) {
        const again = await ok(database, ['collection', 'ingest', ref]);
        assert.deepEqual([again['new'], again['updated'], again['missing']], [0, 0, 0], `${ref} again: ${JSON.stringify(again)}`);
      }
    });

    const serve = await startServe(['--port', '0', '--json', '--linger-seconds', '0'], env);
    try {
      for (const channel of ['comet', 'films']) {
        const file = await watch(serve, channel);
        assert.deepEqual(await streamsOf(file), ['audio', 'video'], `${channel} carries a picture and sound`);
        assert.equal(await decodeWarnings(file), '', `${channel} decodes cleanly`);
      }
    } finally {
      const pids = [serve.child.pid ?? -1, ...serve.children().map((p) => p.pid)];
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.deepEqual(await survivors(pids, 15_000), []);
    }
  });
});

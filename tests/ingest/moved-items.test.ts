// An item a media server moves from one library to another keeps its item id, which the catalog holds unique
// per source: the collection it moved to must take the asset over (once the old one has marked it missing)
// instead of failing its whole ingest on the duplicate ref. Through the CLI, over a fake Plex.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, json } from '../support/cli.js';
import { startFakePlex } from '../support/fake-plex.js';
import { forEachDatabase } from '../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-50, D-53: an item moved to another Plex library becomes that collection\'s asset (same id) once the old one marks it missing; until then it is skipped with the fix', async (t) => {
    const root = mkdtempSync(join(process.env['TMPDIR'] ?? tmpdir(), 'moved-items-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    for (const dir of ['a', 'b']) mkdirSync(join(root, dir));
    writeFileSync(join(root, 'a', 'x.mkv'), 'x');
    writeFileSync(join(root, 'b', 'x.mkv'), 'x');
    const film = { ratingKey: '101', title: 'Moved', file: '/data/a/x.mkv', updatedAt: 1 };
    const plex = await startFakePlex({ sections: [
      { key: '1', title: 'A', type: 'movie', locations: ['/data/a'], movies: [film] },
      { key: '2', title: 'B', type: 'movie', locations: ['/data/b'], movies: [] },
    ] });
    t.after(() => plex.close());
    const run = async (...argv: string[]) => {
      const result = await cli(argv, { database: fx.database });
      assert.equal(result.exitCode, 0, `${argv.join(' ')}: ${result.stderr}`);
      return result;
    };
    await run('source', 'add', '--type', 'plex', '--name', 'plex', '--url', plex.url, '--token', plex.token);
    await run('source', 'discover', 'plex');
    for (const c of ['A', 'B']) await run('collection', 'update', `plex/${c}`, '--ingest-enabled', '--local-path', `/data=${root}`);
    await run('collection', 'ingest', 'plex/A');
    const before = await fx.database.db.selectFrom('asset').select('id').executeTakeFirstOrThrow();

    plex.removeItem('101');
    plex.library.sections[1]?.movies?.push({ ...film, file: '/data/b/x.mkv', updatedAt: 2 });
    const early = json<{ skipped: Array<{ reason: string }>; total: number }>(await run('collection', 'ingest', 'plex/B', '--json'));
    assert.equal(early.total, 0);
    assert.match(early.skipped[0]?.reason ?? '', /item 101 is an asset of collection plex\/A, which still lists it; if it moved here, ingest plex\/A first/);

    await run('collection', 'ingest', 'plex/A');
    const moved = json<{ updated: number }>(await run('collection', 'ingest', 'plex/B', '--json'));
    assert.equal(moved.updated, 1);
    const after = await fx.database.db.selectFrom('asset').innerJoin('collection', 'collection.id', 'asset.collection_id')
      .select(['asset.id', 'asset.path', 'collection.name']).execute();
    assert.deepEqual(after, [{ id: before.id, path: join(root, 'b', 'x.mkv'), name: 'B' }]);
  });
});

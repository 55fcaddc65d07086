// CLI contract tests for `retrovue asset show` (contracts/asset/show.yaml).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Asset as AssetJson } from '../../../generated/contract-types.js';
import { addDiscoveredSource, demoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { libraryOf } from '../../support/media-fixtures.js';
import { srtText, taggedFiles } from '../../support/tagged-media.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the asset and exits 0; an unknown or malformed id exits 1 naming it', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ingest(fx.database, 'lib/Movies');
    const row = await fx.database.db.selectFrom('asset').select('id').where('relative_path', '=', 'Night Drive (1987).mkv').executeTakeFirstOrThrow();

    const shown = await cli(['asset', 'show', row.id, '--json'], { database: fx.database });
    assert.equal(shown.exitCode, 0, shown.stderr);
    const { asset } = json<{ asset: AssetJson }>(shown);
    assert.equal(asset.id, row.id);
    assert.equal(asset.title, 'Night Drive');
    assert.equal(asset.year, 1987);
    assert.equal(asset.path, join(root, 'Movies/Night Drive (1987).mkv'));
    assert.deepEqual(asset.provider_ref, { importer: 'filesystem', external_id: 'Movies/Night Drive (1987).mkv' });
    assert.deepEqual(asset.chapters.map((c) => c.start_ms), [0, 20000, 40000]);
    assert.deepEqual(asset.audio.map((a) => a.channels), [6]);

    const text = await cli(['asset', 'show', row.id], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stderr, '');
    assert.match(text.stdout, /^Night Drive {2}\[ready\]$/m);
    assert.match(text.stdout, new RegExp(`^ {2}id {8}${row.id}$`, 'm'));
    assert.match(text.stdout, /^ {2}duration {2}\d+ ms {2}container matroska,webm$/m);
    assert.match(text.stdout, /^ {2}video {5}h264 320x240 24 fps progressive$/m);
    assert.match(text.stdout, /^ {2}audio {5}#0 ac3 6ch 48000 Hz und$/m);
    assert.match(text.stdout, /^ {2}chapters {2}0, 20000, 40000$/m);
    assert.match(text.stdout, /^ {2}metadata {2}kind movie, 1987$/m);

    const unknownId = '0b6f3c1e-1111-4c4c-9999-123456789abc';
    const unknown = await cli(['asset', 'show', unknownId], { database: fx.database });
    assert.equal(unknown.exitCode, 1);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, `retrovue: error: asset "${unknownId}" does not exist; see retrovue asset list\n`);
    const malformed = await cli(['asset', 'show', 'not-an-id', '--json'], { database: fx.database });
    assert.equal(malformed.exitCode, 1);
    assert.equal(malformed.stdout, '');
    assert.deepEqual(JSON.parse(malformed.stderr), {
      error: { code: 'not_found', message: 'asset "not-an-id" does not exist; see retrovue asset list' },
    });
  });

  test('B-20: the text lists audio tracks with language and default mark, and subtitle tracks with source, codec, language and marks', async () => {
    const tagged = await taggedFiles();
    const lib = await libraryOf({
      'Films/Movie.mkv': { bytes: tagged.twoLanguageMkv },
      'Films/Movie.en.forced.srt': { bytes: srtText() },
      'Films/Quiet.mp4': { demo: 'Bumpers/Test Card.mp4' },
    });
    try {
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ingest(fx.database, 'm/Films');
      const idOf = async (path: string) => (await fx.database.db.selectFrom('asset').select('id').where('relative_path', '=', path).executeTakeFirstOrThrow()).id;
      const movie = await cli(['asset', 'show', await idOf('Movie.mkv')], { database: fx.database });
      assert.equal(movie.exitCode, 0, movie.stderr);
      const block = (label: string) => {
        const lines = movie.stdout.split('\n');
        const start = lines.findIndex((l) => l.startsWith(`  ${label.padEnd(10)}`));
        assert.ok(start >= 0, `no ${label} in ${movie.stdout}`);
        const rest = lines.slice(start + 1);
        const end = rest.findIndex((l) => !l.startsWith(' '.repeat(12)));
        return [lines[start], ...rest.slice(0, end < 0 ? rest.length : end)].map((l) => (l as string).slice(12));
      };
      assert.deepEqual(block('audio'), ['#0 ac3 6ch 48000 Hz spa', '#1 aac 2ch 48000 Hz eng default "English"']);
      assert.deepEqual(block('subtitles'), ['#0 subrip text eng', '#1 ass text spa forced', 'Movie.en.forced.srt subrip text eng forced']);

      const quiet = await cli(['asset', 'show', await idOf('Quiet.mp4')], { database: fx.database });
      assert.match(quiet.stdout, /^ {2}audio {5}none$/m);
      assert.match(quiet.stdout, /^ {2}subtitles none$/m);
    } finally {
      lib.cleanup();
    }
  });
});

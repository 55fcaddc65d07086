// Data contract tests for `retrovue asset show` (contracts/asset/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Asset as AssetJson } from '../../../generated/contract-types.js';
import { addDiscoveredSource, demoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { libraryOf } from '../../support/media-fixtures.js';
import { srtText, taggedFiles } from '../../support/tagged-media.js';
import { startFakePlex } from '../../support/fake-plex.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the shown asset equals the persisted asset, including its provider ref', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    for (const collection of ['Movies', 'Commercials', 'Broken']) await ingest(fx.database, `lib/${collection}`);
    const tagged = await fx.database.db.selectFrom('asset').select('id').where('relative_path', '=', 'Fizz Cola.mp4').executeTakeFirstOrThrow();
    assert.equal((await cli(['asset', 'update', tagged.id, '--tags', 'cola,90s', '--approved'], { database: fx.database })).exitCode, 0);

    const rows = await fx.database.db
      .selectFrom('asset')
      .innerJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
      .innerJoin('collection', 'collection.id', 'asset.collection_id')
      .selectAll('asset')
      .select(['provider_ref.importer', 'provider_ref.external_id', 'collection.name as collection_name'])
      .execute();
    assert.equal(rows.length, 9);
    for (const row of rows) {
      const run = await cli(['asset', 'show', row.id, '--json'], { database: fx.database });
      assert.equal(run.exitCode, 0, run.stderr);
      const { asset } = json<{ asset: AssetJson }>(run);
      // The persisted row, spelled the contract's way (snake_case streams, ISO instants).
      const expected: AssetJson = {
        id: row.id,
        collection: `lib/${row.collection_name}`,
        provider_ref: { importer: row.importer, external_id: row.external_id },
        path: row.path,
        relative_path: row.relative_path,
        state: row.state,
        invalid_reason: row.invalid_reason,
        duration_ms: row.duration_ms === null ? null : Number(row.duration_ms),
        size_bytes: Number(row.size_bytes),
        container: row.container,
        video: row.video && {
          codec: row.video.codec,
          width: row.video.width,
          height: row.video.height,
          frame_rate: row.video.frameRate,
          frame_rate_fraction: row.video.frameRateFraction,
          scan: row.video.scan,
          ...(row.video.transfer ? { transfer: row.video.transfer } : {}),
          ...(row.video.pixelFormat ? { pixel_format: row.video.pixelFormat } : {}),
        },
        audio: row.audio.map((a) => ({
          codec: a.codec,
          channels: a.channels,
          sample_rate: a.sampleRate,
          ...(a.layout ? { layout: a.layout } : {}),
          ...(a.language ? { language: a.language } : {}),
          default: a.isDefault === true,
          ...(a.title ? { title: a.title } : {}),
        })),
        subtitles: row.subtitles.map((t) => ({
          ...(t.source.kind === 'embedded' ? { source: 'embedded' as const, index: t.source.index } : { source: 'external' as const, path: t.source.path }),
          codec: t.codec,
          format: t.format,
          ...(t.language ? { language: t.language } : {}),
          forced: t.forced,
          default: t.isDefault,
        })),
        chapters: row.chapters.map((c) => ({ start_ms: c.startMs, end_ms: c.endMs, ...(c.title ? { title: c.title } : {}) })),
        kind: row.kind,
        title: row.title,
        series: row.series,
        season: row.season,
        episode: row.episode,
        year: row.year,
        tags: row.tags,
        approved: row.approved,
        created_at: row.created_at.toISOString(),
        updated_at: row.updated_at.toISOString(),
      };
      assert.deepEqual(asset, expected, row.relative_path);
    }
    const fizz = rows.find((r) => r.id === tagged.id);
    assert.deepEqual([fizz?.tags, fizz?.approved, fizz?.video?.scan], [['cola', '90s'], true, 'interlaced']);
    assert.ok(rows.some((r) => r.state === 'invalid' && r.invalid_reason !== null));
    assert.ok(rows.some((r) => r.chapters.length === 3 && r.audio[0]?.channels === 6));
  });

  test('D-20: the shown asset carries audio languages, default flags and titles, the video transfer and pixel format, and subtitle tracks as persisted', async () => {
    const tagged = await taggedFiles();
    const lib = await libraryOf({
      'Films/Movie.mkv': { bytes: tagged.twoLanguageMkv },
      'Films/Movie.fr.srt': { bytes: srtText() },
      'Films/PQ.mkv': { bytes: tagged.pqHevcMkv },
    });
    try {
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ingest(fx.database, 'm/Films');
      const rows = await fx.database.db.selectFrom('asset').select(['id', 'relative_path', 'audio', 'video', 'subtitles']).orderBy('relative_path').execute();
      const shown = new Map<string, AssetJson>();
      for (const row of rows) {
        const run = await cli(['asset', 'show', row.id, '--json'], { database: fx.database });
        assert.equal(run.exitCode, 0, run.stderr);
        shown.set(row.relative_path, json<{ asset: AssetJson }>(run).asset);
        // As persisted: each track in order, each field the contract's way.
        const asset = shown.get(row.relative_path);
        assert.deepEqual(asset?.audio.map((a) => [a.language, a.default, a.title]), row.audio.map((a) => [a.language, a.isDefault === true, a.title]));
        assert.deepEqual(asset?.subtitles.map((t) => [t.source, t.index ?? t.path, t.codec, t.format, t.language, t.forced, t.default]),
          row.subtitles.map((t) => [t.source.kind, t.source.kind === 'embedded' ? t.source.index : t.source.path, t.codec, t.format, t.language, t.forced, t.isDefault]));
        assert.deepEqual([asset?.video?.transfer, asset?.video?.pixel_format], [row.video?.transfer, row.video?.pixelFormat]);
      }
      const movie = shown.get('Movie.mkv');
      assert.deepEqual(movie?.audio, [
        { codec: 'ac3', channels: 6, sample_rate: 48000, layout: '5.1(side)', language: 'spa', default: false },
        { codec: 'aac', channels: 2, sample_rate: 48000, layout: 'stereo', language: 'eng', default: true, title: 'English' },
      ]);
      assert.deepEqual(movie?.subtitles, [
        { source: 'embedded', index: 0, codec: 'subrip', format: 'text', language: 'eng', forced: false, default: false },
        { source: 'embedded', index: 1, codec: 'ass', format: 'text', language: 'spa', forced: true, default: false },
        { source: 'external', path: lib.at('Films/Movie.fr.srt'), codec: 'subrip', format: 'text', language: 'fre', forced: false, default: false },
      ]);
      assert.deepEqual([shown.get('PQ.mkv')?.video?.transfer, shown.get('PQ.mkv')?.video?.pixel_format], ['smpte2084', 'yuv420p10le']);
      // Measured loudness, as persisted (the loudness enricher's figures), in JSON and in the text view.
      const movieRow = rows.find((r) => r.relative_path === 'Movie.mkv');
      assert.ok(movieRow);
      const measured = [{ integratedLufs: -31.5, truePeakDbtp: -12.25 }, { integratedLufs: -18, truePeakDbtp: -1.5 }];
      await fx.database.db.updateTable('asset').set({ audio: JSON.stringify(movieRow.audio.map((a, i) => ({ ...a, loudness: measured[i] }))) }).where('id', '=', movieRow.id).execute();
      const loud = await cli(['asset', 'show', movieRow.id, '--json'], { database: fx.database });
      assert.deepEqual(json<{ asset: AssetJson }>(loud).asset.audio.map((a) => a.loudness), [
        { integrated_lufs: -31.5, true_peak_dbtp: -12.25 }, { integrated_lufs: -18, true_peak_dbtp: -1.5 },
      ]);
      assert.equal(shown.get('Movie.mkv')?.audio.some((a) => a.loudness !== undefined), false, 'unmeasured: no loudness');
      const text = await cli(['asset', 'show', movieRow.id], { database: fx.database });
      assert.match(text.stdout, /#0 ac3 6ch 48000 Hz spa -31\.5 LUFS, peak -12\.25 dBTP/);
    } finally {
      lib.cleanup();
    }
  });

  test('D-21: an asset from a media server carries its summary, genres, rating, artwork and the server\'s path as persisted, and the text shows them', async (t) => {
    const lib = await libraryOf({ 'films/Night.mp4': { demo: 'Bumpers/Test Card.mp4' } });
    t.after(lib.cleanup);
    const plex = await startFakePlex({
      sections: [{ key: '1', title: 'Movies', type: 'movie', locations: ['/data/films'], movies: [
        { ratingKey: '101', title: 'Night Film', file: '/data/films/Night.mp4', updatedAt: 1_760_000_000, year: 1987, summary: 'A long night.', genres: ['Drama', 'Mystery'], contentRating: 'PG', thumb: '/library/metadata/101/thumb/1', art: '/library/metadata/101/art/1' },
      ] }],
    }, { token: 'tok-D21-show' });
    t.after(() => plex.close());
    const run = async (...argv: string[]) => {
      const result = await cli(argv, { database: fx.database });
      assert.equal(result.exitCode, 0, `${argv.join(' ')}: ${result.stderr}`);
      return result;
    };
    await run('source', 'add', '--type', 'plex', '--name', 'plex', '--url', plex.url, '--token', 'tok-D21-show');
    await run('source', 'discover', 'plex');
    await run('collection', 'update', 'plex/Movies', '--ingest-enabled', '--local-path', `/data/films=${lib.at('films')}`);
    await run('collection', 'ingest', 'plex/Movies');
    const row = await fx.database.db.selectFrom('asset').select(['id', 'metadata']).executeTakeFirstOrThrow();
    const { asset } = json<{ asset: AssetJson }>(await run('asset', 'show', row.id, '--json'));
    const expected = {
      summary: 'A long night.',
      genres: ['Drama', 'Mystery'],
      content_rating: 'PG',
      artwork: { poster: `${plex.url}/library/metadata/101/thumb/1`, art: `${plex.url}/library/metadata/101/art/1` },
      source_path: '/data/films/Night.mp4',
    };
    assert.deepEqual(asset.details, expected);
    // As persisted: the same values are what the row holds.
    assert.deepEqual(
      Object.fromEntries(Object.keys(expected).map((k) => [k, row.metadata[k]])),
      expected,
    );
    const text = (await run('asset', 'show', row.id)).stdout;
    for (const shown of ['A long night.', 'Drama, Mystery', 'PG', `${plex.url}/library/metadata/101/thumb/1`, '/data/films/Night.mp4']) assert.ok(text.includes(shown), `${shown} in:\n${text}`);
    assert.doesNotMatch(text + JSON.stringify(asset), /tok-D21-show/);
  });
});

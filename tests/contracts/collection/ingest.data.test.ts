// Data contract tests for `retrovue collection ingest` (contracts/collection/ingest.yaml).
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { framesPerSecond } from '../../../src/demo/demo-catalog.js';
import { defaultIngestBatchSize } from '../../../src/ingest/collection-ingest.js';
import { probeMedia } from '../../../src/media/ffprobe.js';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import type { IngestEnricher } from '../../../src/plugins/enricher.js';
import { addDiscoveredSource, copyOfDemoLibrary, demoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { binaryEnv, clipLibrary, interruptBinary, libraryOf, withBinaryDatabase } from '../../support/media-fixtures.js';
import { withoutRootPrivileges } from '../../support/privileges.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { mappings, type MediaServer, type ServerEntry, serverSource, withMediaServer } from '../../support/media-server-library.js';
import { execa } from 'execa';
import { assText, srtText, taggedFiles, vttText } from '../../support/tagged-media.js';
import type { SubtitleTrack } from '../../../src/media/media-types.js';

// Loaded before any test may drop privileges (D-2), so no module is read as another user (the ffprobe
// enricher loads ffprobe.ts on first use).
await import('../../../src/ingest/ingest-commands.js');
await import('../../../src/media/ffprobe.js');

// A test-only enricher that records, in the asset's metadata, that it ran and what the draft held then.
const traceType = 'trace-test';
const trace: IngestEnricher<{ mark: string }> = {
  type: traceType,
  kind: 'ingest',
  description: 'Test only: appends its mark and what it saw to metadata.trace.',
  configSchema: { type: 'object', additionalProperties: false, required: ['mark'], properties: { mark: { type: 'string' } } },
  async enrich(draft, config) {
    const seen = `${config.mark}:${draft.durationMs === undefined ? 'unprobed' : 'probed'}:${draft.series === undefined ? 'unnamed' : 'named'}`;
    const previous = Array.isArray(draft.metadata['trace']) ? (draft.metadata['trace'] as string[]) : [];
    return { ...draft, metadata: { ...draft.metadata, trace: [...previous, seen] } };
  },
};
// A test-only enricher that hands the catalog a value its column cannot hold (a year beyond 32 bits) for
// files whose name says "Overflow": a plugin's bad value must cost that one file, never its batch.
const overflowType = 'overflow-test';
const overflow: IngestEnricher<Record<string, never>> = {
  type: overflowType,
  kind: 'ingest',
  description: 'Test only: sets year 2^40 on files named *Overflow*.',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  async enrich(draft) {
    return draft.relativePath.includes('Overflow') ? { ...draft, year: 2 ** 40 } : draft;
  },
};
// Handed to the CLI through its context, beside the built-in plugins, as the runtime would hand in its own.
const plugins = builtinPlugins();
plugins.enrichers.register(trace);
plugins.enrichers.register(overflow);


forEachDatabase((fx) => {
  const ok = async (argv: string[]) => {
    const run = await cli(argv, { database: fx.database, plugins });
    assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
    return run;
  };
  const assets = () =>
    fx.database.db
      .selectFrom('asset')
      .leftJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
      .selectAll('asset')
      .select(['provider_ref.importer', 'provider_ref.external_id', 'provider_ref.source_id'])
      .orderBy('asset.relative_path')
      .execute();

  test('D-1: every media file becomes an asset with its provider ref; probed files are ready with exact duration, streams, chapters and parsed names', async () => {
    const { root, manifest } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    for (const collection of ['Series', 'Movies', 'Bumpers', 'Commercials', 'Broken']) await ingest(fx.database, `lib/${collection}`, { plugins });
    const source = await fx.database.db.selectFrom('source').select('id').executeTakeFirstOrThrow();
    const rows = await assets();
    assert.equal(rows.length, manifest.files.length);
    const byPath = new Map(rows.map((r) => [r.external_id, r]));

    for (const file of manifest.files) {
      const row = byPath.get(file.path);
      assert.ok(row, `no asset with provider ref ${file.path}`);
      assert.equal(row.importer, 'filesystem');
      assert.equal(row.source_id, source.id);
      assert.equal(row.path, join(root, file.path));
      assert.equal(row.relative_path, file.path.slice(file.path.indexOf('/') + 1));
      assert.equal(Number(row.size_bytes), statSync(join(root, file.path)).size);
      if (file.bad) {
        assert.equal(row.state, 'invalid', file.path);
        continue;
      }
      const probed = await probeMedia(join(root, file.path));
      assert.ok(probed.ok);
      const { media } = probed;
      assert.equal(row.state, 'ready', file.path);
      assert.equal(row.invalid_reason, null);
      // Exactly what the file holds, and what it was made to be within one frame (audio may run past the video).
      assert.equal(Number(row.duration_ms), media.durationMs, file.path);
      const frameMs = 1000 / framesPerSecond(file.frameRate ?? '25');
      assert.ok(Math.abs(Number(row.duration_ms) - (file.durationMs ?? 0)) <= frameMs, `${file.path}: ${row.duration_ms} vs ${file.durationMs}`);
      assert.equal(row.container, media.container);
      assert.deepEqual(row.video, media.video);
      assert.equal(row.video?.codec, 'h264');
      assert.equal(row.video?.width, file.width);
      assert.equal(row.video?.height, file.height);
      assert.equal(row.video?.frameRateFraction, file.frameRate?.includes('/') ? file.frameRate : `${file.frameRate}/1`);
      assert.equal(row.video?.scan, file.interlaced ? 'interlaced' : 'progressive');
      assert.deepEqual(row.audio, media.audio);
      const channels = { none: [], mono: [1], stereo: [2], '5.1': [6] }[file.audio ?? 'none'];
      assert.deepEqual(row.audio.map((a) => a.channels), channels, file.path);
      assert.deepEqual(row.chapters, media.chapters);
      assert.deepEqual(row.chapters.map((c) => c.startMs), file.chapterStartsMs ?? [], file.path);
      assert.ok(row.enriched_at instanceof Date);

      const episode = /^Series\/(.+)\/Season \d+\/.+ - S(\d+)E(\d+) - (.+)\.\w+$/.exec(file.path);
      const movie = /^Movies\/(.+) \((\d{4})\)\.\w+$/.exec(file.path);
      const parsed = { kind: row.kind, series: row.series, season: row.season, episode: row.episode, year: row.year, title: row.title };
      if (episode) {
        assert.deepEqual(parsed, { kind: 'episode', series: episode[1], season: Number(episode[2]), episode: Number(episode[3]), year: null, title: episode[4] });
      } else if (movie) {
        assert.deepEqual(parsed, { kind: 'movie', series: null, season: null, episode: null, year: Number(movie[2]), title: movie[1] });
      } else {
        const name = file.path.slice(file.path.lastIndexOf('/') + 1, file.path.lastIndexOf('.'));
        assert.deepEqual({ series: parsed.series, season: parsed.season, episode: parsed.episode, year: parsed.year, title: parsed.title }, {
          series: null, season: null, episode: null, year: null, title: name,
        });
      }
    }
  });

  test('D-2: zero-length, truncated, unreadable and non-media files become invalid with a reason, and the ingest goes on', async () => {
    const lib = await libraryOf({
      'Mix/A Good One.mp4': { demo: 'Bumpers/Test Card.mp4' },
      'Mix/Empty Tape.mp4': { bytes: '' },
      'Mix/Interrupted Copy.mp4': { demo: 'Broken/Interrupted Copy.mp4' },
      'Mix/Locked.mkv': { demo: 'Movies/Robot Summer (1984).mkv' },
      'Mix/notes.mkv': { demo: 'Broken/notes.mkv' },
      'Mix/Z Good One.mov': { demo: 'Bumpers/Up Next.mov' },
    });
    try {
      chmodSync(lib.at('Mix/Locked.mkv'), 0o000);
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ok(['collection', 'update', 'm/Mix', '--ingest-enabled']);
      const run = await withoutRootPrivileges(() => cli(['collection', 'ingest', 'm/Mix', '--json', '--concurrency', '2'], { database: fx.database }));
      assert.equal(run.exitCode, 0, run.stderr);
      const summary = json<{ new: number; invalid: number; total: number; invalid_files: Array<{ path: string; reason: string }> }>(run);
      assert.equal(summary.total, 6);
      assert.equal(summary.new, 6);
      assert.equal(summary.invalid, 4);

      const rows = await assets();
      const stateOf = Object.fromEntries(rows.map((r) => [r.relative_path, [r.state, r.invalid_reason, r.duration_ms]]));
      assert.deepEqual(stateOf['A Good One.mp4'], ['ready', null, 5000]);
      assert.deepEqual(stateOf['Z Good One.mov'], ['ready', null, 4000]);
      const reasons: Array<[string, RegExp]> = [
        ['Empty Tape.mp4', /^zero-length file$/],
        ['Interrupted Copy.mp4', /^truncated: /],
        ['Locked.mkv', /^unreadable \(EACCES\): .*Permission denied/],
        ['notes.mkv', /^not a media file: /],
      ];
      for (const [path, reason] of reasons) {
        const row = rows.find((r) => r.relative_path === path);
        assert.ok(row, path);
        assert.equal(row.state, 'invalid', path);
        assert.match(row.invalid_reason ?? '', reason, path);
        assert.equal(row.duration_ms, null);
        assert.equal(row.external_id, `Mix/${path}`, 'an invalid asset has its provider ref too');
        assert.deepEqual(summary.invalid_files.find((f) => f.path === path)?.reason, row.invalid_reason);
      }
    } finally {
      lib.cleanup();
    }
  });

  test('D-3: a second ingest of an unchanged collection writes nothing', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ingest(fx.database, 'lib/Series', { plugins });
    await ingest(fx.database, 'lib/Broken', { plugins });
    // Every row with its row version (xmin): an UPDATE, even to equal values, makes a new one.
    const snapshot = async () => ({
      asset: await sql<Record<string, unknown>>`select xmin::text as version, * from asset order by id`.execute(fx.database.db),
      provider_ref: await sql<Record<string, unknown>>`select xmin::text as version, * from provider_ref order by asset_id`.execute(fx.database.db),
      collection: await sql<Record<string, unknown>>`select xmin::text as version, * from collection order by id`.execute(fx.database.db),
    });
    // The next transaction id: on the embedded database nobody else can allocate one, so any write would move it.
    const nextXid = async () => (await sql<{ xmax: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(fx.database.db)).rows[0]?.xmax;
    const before = await snapshot();
    const xidBefore = await nextXid();
    assert.equal(before.asset.rows.length, 13);

    for (const ref of ['lib/Series', 'lib/Broken']) {
      const again = json<{ new: number; updated: number; unchanged: number; missing: number; invalid: number }>(await ok(['collection', 'ingest', ref, '--json']));
      assert.deepEqual([again.new, again.updated, again.missing, again.invalid], [0, 0, 0, 0]);
      assert.equal(again.unchanged, ref === 'lib/Series' ? 10 : 3);
    }
    assert.deepEqual(await snapshot(), before);
    if (fx.dialect === 'pglite') assert.equal(await nextXid(), xidBefore, 'the unchanged ingest started a writing transaction');
  });

  test('D-4: a changed file is re-probed in place keeping operator fields; a vanished file becomes missing; one that comes back is re-probed', async () => {
    const { root: pristine } = await demoLibrary();
    const lib = await copyOfDemoLibrary();
    try {
      await addDiscoveredSource(fx.database, 'lib', lib.root);
      await ingest(fx.database, 'lib/Bumpers', { plugins });
      const byPath = async () => new Map((await assets()).map((a) => [a.relative_path, a]));
      const first = await byPath();
      const upNext = first.get('Up Next.mov');
      const station = first.get('Station ID - Evening.mp4');
      assert.ok(upNext && station);
      assert.equal(upNext.duration_ms, 4000);
      await ok(['asset', 'update', upNext.id, '--title', 'Operator Title', '--tags', 'saturday,classic', '--approved']);

      // Overwritten with another valid file: 5 s without audio instead of 4 s with.
      copyFileSync(join(pristine, 'Bumpers/Test Card.mp4'), join(lib.root, 'Bumpers/Up Next.mov'));
      const changed = json<{ updated: number; unchanged: number }>(await ok(['collection', 'ingest', 'lib/Bumpers', '--json']));
      assert.deepEqual([changed.updated, changed.unchanged], [1, 2]);
      const probed = await probeMedia(join(lib.root, 'Bumpers/Up Next.mov'));
      assert.ok(probed.ok);
      const second = await byPath();
      const reprobed = second.get('Up Next.mov');
      assert.ok(reprobed);
      assert.equal(reprobed.id, upNext.id);
      assert.equal(reprobed.state, 'ready');
      assert.equal(reprobed.duration_ms, probed.media.durationMs);
      assert.equal(reprobed.duration_ms, 5000);
      assert.deepEqual(reprobed.audio, []);
      assert.equal(Number(reprobed.size_bytes), statSync(join(lib.root, 'Bumpers/Up Next.mov')).size);
      assert.equal(reprobed.title, 'Operator Title');
      assert.deepEqual(reprobed.tags, ['saturday', 'classic']);
      assert.equal(reprobed.approved, true);
      assert.deepEqual(reprobed.created_at, upNext.created_at);
      assert.deepEqual(second.get('Test Card.mp4'), first.get('Test Card.mp4'), 'an unchanged file was touched');

      // Vanished: kept as missing, same id, same provider ref.
      const stationPath = join(lib.root, 'Bumpers/Station ID - Evening.mp4');
      const { atime, mtime } = statSync(stationPath);
      unlinkSync(stationPath);
      const gone = json<{ missing: number }>(await ok(['collection', 'ingest', 'lib/Bumpers', '--json']));
      assert.equal(gone.missing, 1);
      const third = await byPath();
      assert.equal(third.size, 3);
      const missing = third.get('Station ID - Evening.mp4');
      assert.equal(missing?.id, station.id);
      assert.equal(missing?.state, 'missing');
      assert.equal(missing?.external_id, 'Bumpers/Station ID - Evening.mp4');
      assert.ok(missing?.missing_since instanceof Date);
      // Still missing on the next run: it is not counted again.
      assert.equal(json<{ missing: number }>(await ok(['collection', 'ingest', 'lib/Bumpers', '--json'])).missing, 0);

      // Back, byte for byte and with its old timestamps: re-probed anyway, because it was missing.
      copyFileSync(join(pristine, 'Bumpers/Station ID - Evening.mp4'), stationPath);
      utimesSync(stationPath, atime, mtime);
      const back = json<{ updated: number; unchanged: number }>(await ok(['collection', 'ingest', 'lib/Bumpers', '--json']));
      assert.deepEqual([back.updated, back.unchanged], [1, 2]);
      const returned = (await byPath()).get('Station ID - Evening.mp4');
      assert.equal(returned?.id, station.id);
      assert.equal(returned?.state, 'ready');
      assert.equal(returned?.missing_since, null);
      assert.equal(returned?.duration_ms, station.duration_ms);
      assert.ok((returned?.enriched_at?.getTime() ?? 0) >= (station.enriched_at?.getTime() ?? Infinity));
    } finally {
      lib.cleanup();
    }
  });

  test('D-5: assets are committed in atomic batches, so an interrupted ingest leaves no half-written asset', async () => {
    const lib = await clipLibrary(60);
    const home = mkdtempSync(join(tmpdir(), 'retrovue-batches-'));
    try {
      const env = binaryEnv(fx, home);
      await withBinaryDatabase(fx, home, async (database) => {
        await addDiscoveredSource(database, 'big', lib.root);
        assert.equal((await cli(['collection', 'update', 'big/Clips', '--ingest-enabled'], { database })).exitCode, 0);
      });

      // On the server, watch the catalog from outside while the ingest writes it: every state it ever shows
      // has only whole assets, and before the interrupt they arrive a full batch at a time.
      const observed: Array<{ total: number; whole: number; interrupted: boolean }> = [];
      const watch =
        fx.dialect === 'postgres'
          ? async (state: { interrupted: () => boolean; running: () => boolean }) => {
              while (state.running()) {
                const interrupted = state.interrupted();
                const row = await sql<{ total: number; whole: number }>`
                  select count(*)::int as total,
                         count(*) filter (where p.asset_id is not null and a.state = 'ready' and a.duration_ms > 0
                           and a.container is not null and a.video is not null and a.enriched_at is not null)::int as whole
                  from asset a left join provider_ref p on p.asset_id = a.id`.execute(fx.database.db);
                observed.push({ ...(row.rows[0] ?? { total: -1, whole: -1 }), interrupted });
                await new Promise((resolve) => setTimeout(resolve, 5));
              }
            }
          : undefined;
      const firstBatchSeen = async () => {
        const deadline = performance.now() + 10_000;
        while (fx.dialect === 'postgres' && !observed.some((o) => o.total > 0) && performance.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      const stopped = await interruptBinary(['collection', 'ingest', 'big/Clips', '--json', '--concurrency', '1'], env, /ingest batch committed/, {
        whileRunning: watch,
        beforeInterrupt: firstBatchSeen,
      });
      assert.equal(stopped.exitCode, 2, stopped.stderr);
      const summary = json<{ new: number; interrupted: boolean }>(stopped);
      assert.equal(summary.interrupted, true);

      const persisted = await withBinaryDatabase(fx, home, (database) =>
        database.db
          .selectFrom('asset')
          .leftJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
          .selectAll('asset')
          .select(['provider_ref.external_id'])
          .execute(),
      );
      assert.equal(persisted.length, summary.new);
      assert.ok(persisted.length > 0 && persisted.length < 60);
      const { root: demoRoot } = await demoLibrary();
      const probes = new Map<string, Awaited<ReturnType<typeof probeMedia>>>();
      for (const asset of persisted) {
        // Whole: its provider ref, every probed field, and exactly what its file holds. A probe killed by
        // the interrupt never turns into an asset (it would have shown up as invalid).
        assert.equal(asset.external_id, `Clips/${asset.relative_path}`);
        assert.equal(asset.state, 'ready', `${asset.relative_path}: ${asset.invalid_reason}`);
        assert.ok(asset.enriched_at instanceof Date);
        const demo = lib.demoOf(asset.relative_path);
        if (!probes.has(demo)) probes.set(demo, await probeMedia(join(demoRoot, demo)));
        const probed = probes.get(demo);
        assert.ok(probed?.ok);
        assert.equal(Number(asset.duration_ms), probed.media.durationMs);
        assert.equal(asset.container, probed.media.container);
        assert.deepEqual(asset.video, probed.media.video);
        assert.deepEqual(asset.audio, probed.media.audio);
      }
      if (fx.dialect === 'postgres') {
        assert.ok(observed.length > 10, `only ${observed.length} observations`);
        assert.ok(observed.every((o) => o.whole === o.total), 'a half-written asset was visible');
        const beforeInterrupt = observed.filter((o) => !o.interrupted).map((o) => o.total);
        assert.ok(beforeInterrupt.some((n) => n > 0), 'no batch was seen before the interrupt');
        assert.ok(beforeInterrupt.every((n) => n % defaultIngestBatchSize === 0), `not whole batches: ${[...new Set(beforeInterrupt)].join(',')}`);
      }
    } finally {
      lib.cleanup();
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('D-6: enrichers run in the attached order, and an asset without a probed duration is not ready', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ok(['enricher', 'add', '--id', 'mark-a', '--type', traceType, '--config', '{"mark":"A"}']);
    await ok(['enricher', 'add', '--id', 'mark-b', '--type', traceType, '--config', '{"mark":"B"}']);
    // Series: ffprobe, filename, mark-a, mark-b. Commercials: mark-b, ffprobe, mark-a, filename.
    await ok(['collection', 'attach-enricher', 'lib/Series', '--enricher', 'mark-a']);
    await ok(['collection', 'attach-enricher', 'lib/Series', '--enricher', 'mark-b']);
    await ok(['collection', 'attach-enricher', 'lib/Commercials', '--enricher', 'mark-b', '--position', '1']);
    await ok(['collection', 'attach-enricher', 'lib/Commercials', '--enricher', 'mark-a', '--position', '3']);
    await ingest(fx.database, 'lib/Series', { plugins });
    await ingest(fx.database, 'lib/Commercials', { plugins });
    const traces = await fx.database.db.selectFrom('asset').innerJoin('collection', 'collection.id', 'asset.collection_id').select(['collection.name', 'asset.metadata']).execute();
    assert.equal(traces.length, 14);
    for (const { name, metadata } of traces) {
      // Commercials carry no series, so "named" shows only for the Series collection after filename ran.
      const expected = name === 'Series' ? ['A:probed:named', 'B:probed:named'] : ['B:unprobed:unnamed', 'A:probed:unnamed'];
      assert.deepEqual(metadata['trace'], expected, name);
    }

    // Without ffprobe nothing measures a duration: the assets stay new, never ready.
    await ok(['collection', 'detach-enricher', 'lib/Movies', '--enricher', 'ffprobe']);
    const summary = await ingest(fx.database, 'lib/Movies', { plugins });
    assert.equal(summary['new'], 2);
    const movies = await fx.database.db.selectFrom('asset').selectAll().where('relative_path', 'like', '%(19%').orderBy('relative_path').execute();
    assert.deepEqual(movies.map((m) => [m.state, m.duration_ms, m.title, m.year]), [
      ['new', null, 'Night Drive', 1987],
      ['new', null, 'Robot Summer', 1984],
    ]);
  });

  test('D-7: a changed enricher chain re-enriches unchanged files once, then skips them again', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ok(['collection', 'detach-enricher', 'lib/Movies', '--enricher', 'ffprobe']);
    assert.equal((await ingest(fx.database, 'lib/Movies', { plugins }))['new'], 2);
    const before = await fx.database.db.selectFrom('asset').select(['id', 'state', 'duration_ms']).orderBy('relative_path').execute();
    assert.deepEqual(before.map((a) => a.state), ['new', 'new']);

    // The operator attaches ffprobe afterwards: the same files are re-enriched in place and become ready.
    await ok(['collection', 'attach-enricher', 'lib/Movies', '--enricher', 'ffprobe', '--position', '1']);
    const again = json(await ok(['collection', 'ingest', 'lib/Movies', '--json']));
    assert.deepEqual([again['new'], again['updated'], again['unchanged']], [0, 2, 0]);
    const after = await fx.database.db.selectFrom('asset').select(['id', 'state', 'duration_ms']).orderBy('relative_path').execute();
    assert.deepEqual(after.map((a) => a.id), before.map((a) => a.id));
    assert.deepEqual(after.map((a) => a.state), ['ready', 'ready']);
    assert.ok(after.every((a) => a.duration_ms !== null && Number(a.duration_ms) > 0));

    // Same chain, same files: skipped. A config change to an attached enricher counts as a new chain.
    const third = json(await ok(['collection', 'ingest', 'lib/Movies', '--json']));
    assert.deepEqual([third['updated'], third['unchanged']], [0, 2]);
    await ok(['enricher', 'update', 'ffprobe', '--config', '{"timeout_ms":45000}']);
    const fourth = json(await ok(['collection', 'ingest', 'lib/Movies', '--json']));
    assert.deepEqual([fourth['updated'], fourth['unchanged']], [2, 0]);
  });

  test('D-8: hostile names, a sub-millisecond file, an unreadable folder and a refused value each cost one entry; the rest is ingested', async () => {
    const good = { demo: 'Bumpers/Test Card.mp4' };
    const files: Record<string, { demo: string }> = {
      ['Mix/Café.mp4'.normalize('NFC')]: good,
      ['Mix/Café.mp4'.normalize('NFD')]: { demo: 'Bumpers/Up Next.mov' },
      'Mix/Overflow.mp4': good,
      'Mix/Locked Folder/Hidden.mp4': good,
    };
    for (let i = 0; i < 40; i++) files[`Mix/Clip ${String(i).padStart(2, '0')}.mp4`] = good;
    const lib = await libraryOf(files);
    try {
      // 10 samples at 48 kHz: 0.208 ms, which rounds to a duration of 0 ms.
      await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=r=48000', '-af', 'atrim=end_sample=10', '-c:a', 'pcm_s16le', '-movie_timescale', '48000', lib.at('Mix/Tiny.mov')]);
      // A Latin-1 name (not UTF-8): "Caf\xE9 Latin.mp4".
      writeFileSync(Buffer.concat([Buffer.from(`${lib.at('Mix')}/Caf`), Buffer.from([0xe9]), Buffer.from(' Latin.mp4')]), 'not media');
      chmodSync(lib.at('Mix/Locked Folder'), 0o000);
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ok(['collection', 'update', 'm/Mix', '--ingest-enabled']);
      await ok(['enricher', 'add', '--id', 'overflow', '--type', overflowType]);
      await ok(['collection', 'attach-enricher', 'm/Mix', '--enricher', 'overflow']);
      const run = await withoutRootPrivileges(() => cli(['collection', 'ingest', 'm/Mix', '--json', '--concurrency', '2'], { database: fx.database, plugins }));
      assert.equal(run.exitCode, 0, run.stderr);
      const summary = json<{ new: number; invalid: number; total: number; invalid_files: Array<{ path: string; reason: string }>; skipped: Array<{ path: string; reason: string }> }>(run);
      assert.equal(summary.total, 45);
      assert.equal(summary.new, 45);
      assert.deepEqual(summary.skipped, [{ path: 'Locked Folder', reason: 'folder not readable (EACCES)' }]);
      const rows = await assets();
      assert.equal(rows.length, 45);
      const byPath = new Map(rows.map((r) => [r.relative_path, r]));
      // Both Cafés, as two ready assets with distinct provider refs: the NFC name keeps NFC, the other its own form.
      const nfc = byPath.get('Café.mp4'.normalize('NFC'));
      const nfd = byPath.get('Café.mp4'.normalize('NFD'));
      assert.deepEqual([nfc?.state, nfc?.duration_ms, nfc?.external_id], ['ready', 5000, 'Mix/Café.mp4'.normalize('NFC')]);
      assert.deepEqual([nfd?.state, nfd?.duration_ms, nfd?.external_id], ['ready', 4000, 'Mix/Café.mp4'.normalize('NFD')]);
      const reasons: Array<[string, RegExp]> = [
        ['Tiny.mov', /^zero-duration|^zero duration: media lasts 0\.000208 s, under 1 ms$/],
        ['Caf\\xE9 Latin.mp4', /^file name is not valid UTF-8; rename it/],
        ['Overflow.mp4', /^the catalog refused its values: .*out of range/],
      ];
      for (const [path, reason] of reasons) {
        const row = byPath.get(path);
        assert.ok(row, `${path} is an asset (have ${[...byPath.keys()].join(', ')})`);
        assert.equal(row.state, 'invalid', path);
        assert.match(row.invalid_reason ?? '', reason, path);
        assert.equal(summary.invalid_files.find((f) => f.path === path)?.reason, row.invalid_reason);
      }
      assert.equal(summary.invalid, 3);
      assert.equal(rows.filter((r) => r.relative_path.startsWith('Clip ') && r.state === 'ready').length, 40);
      // The same run again finds nothing new: every provider ref is stable.
      const again = json<{ new: number; unchanged: number }>(await withoutRootPrivileges(() => cli(['collection', 'ingest', 'm/Mix', '--json'], { database: fx.database, plugins })));
      assert.deepEqual([again.new, again.unchanged], [0, 45]);
    } finally {
      chmodSync(lib.at('Mix/Locked Folder'), 0o755);
      lib.cleanup();
    }
  });

  test('D-9: each real folder is walked once and never left through a link; loops and escapes are listed as skipped', async () => {
    const lib = await libraryOf({ 'Shows/Show/Pilot.mp4': { demo: 'Bumpers/Test Card.mp4' }, 'Outside/Secret.mp4': { demo: 'Bumpers/Test Card.mp4' } });
    try {
      symlinkSync('.', lib.at('Shows/l1'));
      symlinkSync('.', lib.at('Shows/l2'));
      symlinkSync('..', lib.at('Shows/Show/again'));
      symlinkSync(lib.at('Outside'), lib.at('Shows/escape'));
      mkdirSync(lib.at('Shows/Linked'));
      symlinkSync(lib.at('Shows/Show'), lib.at('Shows/Linked/show-link'));
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ok(['collection', 'update', 'm/Shows', '--ingest-enabled']);
      const dry = json<{ new: number; total: number }>(await ok(['collection', 'ingest', 'm/Shows', '--dry-run', '--json']));
      assert.deepEqual([dry.new, dry.total], [1, 1]);
      const run = json<{ new: number; total: number; skipped: Array<{ path: string; reason: string }> }>(await ok(['collection', 'ingest', 'm/Shows', '--json']));
      assert.deepEqual([run.new, run.total], [1, 1]);
      assert.deepEqual(run.skipped, [
        { path: 'Linked/show-link', reason: 'symbolic link to a folder already walked' },
        { path: 'Show/again', reason: 'symbolic link to a folder already walked' },
        { path: 'escape', reason: `symbolic link leads outside the collection (to ${lib.at('Outside')})` },
        { path: 'l1', reason: 'symbolic link to a folder already walked' },
        { path: 'l2', reason: 'symbolic link to a folder already walked' },
      ]);
      assert.deepEqual((await assets()).map((a) => [a.relative_path, a.external_id]), [['Show/Pilot.mp4', 'Shows/Show/Pilot.mp4']]);
      // A --path through a link that leaves the collection is refused, and writes nothing.
      const escape = await cli(['collection', 'ingest', 'm/Shows', '--path', 'escape'], { database: fx.database, plugins });
      assert.equal(escape.exitCode, 1);
      assert.equal(escape.stderr, `retrovue: error: ${lib.at('Shows/escape')} leads outside collection Shows (to ${lib.at('Outside')}) through a symbolic link\n`);
      assert.equal((await assets()).length, 1);
    } finally {
      lib.cleanup();
    }
  });

  test('D-10: a file invalid for the environment is probed again next time; --reprobe probes every file again', async () => {
    const lib = await libraryOf({
      'Mix/Locked.mp4': { demo: 'Bumpers/Test Card.mp4' },
      'Mix/Open.mov': { demo: 'Bumpers/Up Next.mov' },
      'Mix/notes.mkv': { demo: 'Broken/notes.mkv' },
    });
    try {
      chmodSync(lib.at('Mix/Locked.mp4'), 0o000);
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ok(['collection', 'update', 'm/Mix', '--ingest-enabled']);
      const first = json<{ new: number; invalid: number }>(await withoutRootPrivileges(() => cli(['collection', 'ingest', 'm/Mix', '--json'], { database: fx.database })));
      assert.deepEqual([first.new, first.invalid], [3, 2]);
      const stateOf = async () => Object.fromEntries((await assets()).map((r) => [r.relative_path, r.state]));
      assert.deepEqual(await stateOf(), { 'Locked.mp4': 'invalid', 'Open.mov': 'ready', 'notes.mkv': 'invalid' });
      const mtime = statSync(lib.at('Mix/Locked.mp4')).mtimeMs;

      // The operator fixes the permissions: chmod leaves size and mtime alone, yet the file is probed again.
      chmodSync(lib.at('Mix/Locked.mp4'), 0o644);
      assert.equal(statSync(lib.at('Mix/Locked.mp4')).mtimeMs, mtime);
      const second = json<{ updated: number; unchanged: number; invalid: number }>(await ok(['collection', 'ingest', 'm/Mix', '--json']));
      assert.deepEqual([second.updated, second.unchanged, second.invalid], [1, 2, 0]);
      assert.deepEqual(await stateOf(), { 'Locked.mp4': 'ready', 'Open.mov': 'ready', 'notes.mkv': 'invalid' });
      // Invalid for its media: skipped while unchanged.
      const third = json<{ updated: number; unchanged: number }>(await ok(['collection', 'ingest', 'm/Mix', '--json']));
      assert.deepEqual([third.updated, third.unchanged], [0, 3]);

      // --reprobe: every file again, in place.
      const ids = (await assets()).map((r) => r.id);
      const forced = json<{ new: number; updated: number; unchanged: number; invalid: number }>(await ok(['collection', 'ingest', 'm/Mix', '--reprobe', '--json']));
      assert.deepEqual([forced.new, forced.updated, forced.unchanged, forced.invalid], [0, 3, 0, 1]);
      assert.deepEqual((await assets()).map((r) => r.id), ids);
    } finally {
      chmodSync(lib.at('Mix/Locked.mp4'), 0o644);
      lib.cleanup();
    }
  });

  test('D-30: with the loudness enricher attached, each audio track carries its loudness; a silent one none; a failed measurement leaves the asset ready, a later good one clears its reason', async () => {
    const made = mkdtempSync(join(tmpdir(), 'retrovue-loudness-'));
    const file = (name: string) => join(made, name);
    const picture = ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=3'];
    // A −10 LUFS stereo sine mix as track 0 and digital silence as track 1; and a file without audio.
    await execa('ffmpeg', ['-v', 'error', ...picture, '-f', 'lavfi', '-i', 'aevalsrc=0.22*sin(2*PI*440*t)+0.18*sin(2*PI*1000*t)+0.1*sin(2*PI*3000*t):s=48000:c=stereo:d=3',
      '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo:d=3', '-map', '0:v', '-map', '1:a', '-map', '2:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'pcm_s16le', file('two.mkv')]);
    await execa('ffmpeg', ['-v', 'error', ...picture, '-c:v', 'libx264', '-preset', 'ultrafast', file('mute.mkv')]);
    const lib = await libraryOf({ 'Shows/Two Tracks.mkv': { bytes: readFileSync(file('two.mkv')) }, 'Shows/Mute.mkv': { bytes: readFileSync(file('mute.mkv')) } });
    rmSync(made, { recursive: true, force: true });
    try {
      await addDiscoveredSource(fx.database, 'l', lib.root);
      await ok(['enricher', 'add', '--id', 'loud', '--type', 'loudness', '--config', '{"timeout_ms":60000}']);
      await ok(['collection', 'attach-enricher', 'l/Shows', '--enricher', 'loud']);
      await ingest(fx.database, 'l/Shows', { plugins });
      const byName = async () => Object.fromEntries((await assets()).map((r) => [r.relative_path, r]));
      const first = await byName();
      const two = first['Two Tracks.mkv'];
      assert.equal(two?.state, 'ready');
      const [loud, silent] = two.audio;
      assert.ok(loud?.loudness && Math.abs(loud.loudness.integratedLufs + 10) <= 1.5, JSON.stringify(two.audio));
      assert.ok(loud.loudness.truePeakDbtp < -5 && loud.loudness.truePeakDbtp > -10, JSON.stringify(loud));
      assert.equal(silent?.loudness, undefined, 'digital silence carries no loudness, so playout applies no gain');
      assert.equal(silent?.channels, 2);
      assert.deepEqual([first['Mute.mkv']?.state, first['Mute.mkv']?.audio], ['ready', []]);

      // An ffmpeg that fails: the chain changed, so the files are enriched again; they stay ready, loudness unknown.
      await ok(['enricher', 'update', 'loud', '--config', '{"path":"/bin/false"}']);
      await ok(['collection', 'ingest', 'l/Shows']);
      const second = (await byName())['Two Tracks.mkv'];
      assert.equal(second?.state, 'ready');
      assert.ok(second.audio.every((a) => a.loudness === undefined), JSON.stringify(second.audio));
      assert.match(String(second.metadata['loudness_unmeasured']), /could not measure loudness/);

      // A working loudness enricher after the failing one: its measurement stands, the earlier reason goes.
      const measuredAgain = async () => {
        await ok(['collection', 'ingest', 'l/Shows']);
        const asset = (await byName())['Two Tracks.mkv'];
        assert.ok(asset?.audio[0]?.loudness && Math.abs(asset.audio[0].loudness.integratedLufs + 10) <= 1.5, JSON.stringify(asset?.audio));
        assert.equal(asset.metadata['loudness_unmeasured'], undefined, JSON.stringify(asset.metadata));
      };
      await ok(['enricher', 'add', '--id', 'loud2', '--type', 'loudness', '--config', '{"timeout_ms":60000}']);
      await ok(['collection', 'attach-enricher', 'l/Shows', '--enricher', 'loud2']);
      await measuredAgain();
      // ffmpeg works again alone: the chain changed, so the file is measured afresh, with no reason left over.
      await ok(['collection', 'detach-enricher', 'l/Shows', '--enricher', 'loud2']);
      await ok(['enricher', 'update', 'loud', '--config', '{"timeout_ms":60000}']);
      await measuredAgain();
    } finally {
      lib.cleanup();
    }
  });

  test('D-40: release tags leave a title only where they end the name; a bracketed or dotted year becomes the asset\'s year', async () => {
    const names: Record<string, [string, string | null, string, number | null]> = {
      'Torture S01E01 - HD H264 two audio.mp4': ['episode', 'Torture', 'HD H264 two audio', null],
      'Show S01E02 - Episode Title HD H264.mp4': ['episode', 'Show', 'Episode Title', null],
      'HD Tales S01E03 - Pilot (2004) HDTV x264-GRP.mp4': ['episode', 'HD Tales', 'Pilot', 2004],
      '4K Dreams (1999) 1080p BluRay x264-GRP.mp4': ['movie', null, '4K Dreams', 1999],
      'Heat.1995.REPACK.720p.mp4': ['movie', null, 'Heat', 1995],
      'Night Drive [1987].mp4': ['movie', null, 'Night Drive', 1987],
      '2001 A Space Odyssey (1968).mp4': ['movie', null, '2001 A Space Odyssey', 1968],
      '1984.mp4': ['unknown', null, '1984', null],
    };
    const lib = await libraryOf(Object.fromEntries(Object.keys(names).map((name) => [`Mix/${name}`, { demo: 'Bumpers/Test Card.mp4' }])));
    try {
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ok(['collection', 'update', 'm/Mix', '--ingest-enabled']);
      await ok(['collection', 'ingest', 'm/Mix']);
      const rows = await assets();
      assert.deepEqual(Object.fromEntries(rows.map((r) => [r.relative_path, [r.kind, r.series, r.title, r.year]])), names);
      assert.ok(rows.every((r) => r.state === 'ready'));
    } finally {
      lib.cleanup();
    }
  });
  test('D-20: a probed asset records audio languages, default flags and titles, the video transfer and pixel format, and embedded subtitle tracks', async () => {
    const tagged = await taggedFiles();
    const lib = await libraryOf({
      'Movies/Two Languages.mkv': { bytes: tagged.twoLanguageMkv },
      'Movies/Mov Text.mp4': { bytes: tagged.movTextMp4 },
      'Movies/PQ.mkv': { bytes: tagged.pqHevcMkv },
    });
    try {
      await addDiscoveredSource(fx.database, 'm', lib.root);
      const summary = await ingest(fx.database, 'm/Movies', { plugins });
      assert.deepEqual([summary['new'], summary['invalid']], [3, 0]);
      const byPath = new Map((await assets()).map((r) => [r.relative_path, r]));
      const two = byPath.get('Two Languages.mkv');
      assert.deepEqual(two?.audio.map((a) => [a.codec, a.channels, a.language, a.isDefault, a.title]), [
        ['ac3', 6, 'spa', false, undefined],
        ['aac', 2, 'eng', true, 'English'],
      ]);
      assert.deepEqual(two?.subtitles, [
        { source: { kind: 'embedded', index: 0 }, codec: 'subrip', format: 'text', language: 'eng', forced: false, isDefault: false },
        { source: { kind: 'embedded', index: 1 }, codec: 'ass', format: 'text', language: 'spa', forced: true, isDefault: false },
      ]);
      assert.deepEqual([two?.video?.pixelFormat, two?.video?.transfer], ['yuv420p', undefined]);
      // MP4 spells languages ISO 639-2/T ("deu", "fra"): stored as 639-2/B, as Matroska's.
      const mov = byPath.get('Mov Text.mp4');
      assert.deepEqual(mov?.audio.map((a) => a.language), ['ger']);
      assert.deepEqual(mov?.subtitles, [{ source: { kind: 'embedded', index: 0 }, codec: 'mov_text', format: 'text', language: 'fre', forced: false, isDefault: true }]);
      const pq = byPath.get('PQ.mkv');
      assert.deepEqual([pq?.video?.codec, pq?.video?.transfer, pq?.video?.pixelFormat], ['hevc', 'smpte2084', 'yuv420p10le']);
      assert.deepEqual(pq?.subtitles, []);
    } finally {
      lib.cleanup();
    }
  });

  // Sidecars beside "Movie.mkv" and beside a hostile name; one orphan that no media file owns.
  const hostile = `-Odd [1] "it's": ü`;
  const sidecarLibrary = async () => {
    const tagged = await taggedFiles();
    return libraryOf({
      'Films/Movie.mkv': { bytes: tagged.twoLanguageMkv },
      'Films/Movie.srt': { bytes: srtText('plain') },
      'Films/Movie.en.srt': { bytes: srtText('english') },
      'Films/Movie.eng.forced.srt': { bytes: srtText('forced') },
      'Films/Movie.fr.ass': { bytes: assText('french') },
      'Films/Movie.Spanish.default.ssa': { bytes: assText('spanish') },
      'Films/Movie.de.vtt': { bytes: vttText('german') },
      [`Films/${hostile}.mp4`]: { bytes: tagged.movTextMp4 },
      [`Films/${hostile}.pt-BR.srt`]: { bytes: srtText('portuguese') },
      'Films/Orphan.en.srt': { bytes: srtText('nobody') },
    });
  };
  const external = (t: SubtitleTrack) => (t.source.kind === 'external' ? t.source.path : undefined);

  test('D-21: subtitle files beside a media file become its external tracks (language as ISO 639-2/B, forced, default), never assets; hostile names keep their path', async () => {
    const lib = await sidecarLibrary();
    try {
      await addDiscoveredSource(fx.database, 'm', lib.root);
      const summary = await ingest(fx.database, 'm/Films', { plugins });
      assert.deepEqual([summary['new'], summary['total'], summary['invalid']], [2, 2, 0]);
      const rows = await assets();
      assert.deepEqual(rows.map((r) => r.relative_path).sort(), [`${hostile}.mp4`, 'Movie.mkv']);
      const movie = rows.find((r) => r.relative_path === 'Movie.mkv');
      assert.ok(movie);
      // Embedded tracks first, then the sidecars in path order.
      assert.deepEqual(movie.subtitles.map((t) => [t.source.kind === 'embedded' ? t.source.index : basename(external(t) ?? ''), t.codec, t.language, t.forced, t.isDefault]), [
        [0, 'subrip', 'eng', false, false],
        [1, 'ass', 'spa', true, false],
        ['Movie.Spanish.default.ssa', 'ass', 'spa', false, true],
        ['Movie.de.vtt', 'webvtt', 'ger', false, false],
        ['Movie.en.srt', 'subrip', 'eng', false, false],
        ['Movie.eng.forced.srt', 'subrip', 'eng', true, false],
        ['Movie.fr.ass', 'ass', 'fre', false, false],
        ['Movie.srt', 'subrip', undefined, false, false],
      ]);
      assert.ok(movie.subtitles.every((t) => t.format === 'text'));
      const odd = rows.find((r) => r.relative_path === `${hostile}.mp4`);
      const oddSidecar = odd?.subtitles.find((t) => t.source.kind === 'external');
      assert.equal(external(oddSidecar as SubtitleTrack), lib.at(`Films/${hostile}.pt-BR.srt`));
      assert.equal(oddSidecar?.language, 'por');
      // Every recorded path is the file itself, and ffprobe reads it as the codec recorded.
      for (const track of [...movie.subtitles, ...(odd?.subtitles ?? [])].filter((t) => t.source.kind === 'external')) {
        const path = external(track) as string;
        const probed = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', '--', path]);
        assert.equal(probed.stdout.trim(), track.codec, path);
      }
      assert.deepEqual(movie.sidecars.map((f) => [basename(f.path), Number(f.sizeBytes)]), movie.subtitles.flatMap((t) => {
        const path = external(t);
        return path === undefined ? [] : [[basename(path), statSync(path).size]];
      }));
    } finally {
      lib.cleanup();
    }
  });

  test('D-22: an added, changed or removed sidecar re-enriches its asset in place; unchanged sidecars leave it skipped', async () => {
    const lib = await sidecarLibrary();
    try {
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ingest(fx.database, 'm/Films', { plugins });
      const movie = async () => (await assets()).find((r) => r.relative_path === 'Movie.mkv');
      const first = await movie();
      const languages = async () => (await movie())?.subtitles.filter((t) => t.source.kind === 'external').map((t) => t.language ?? 'und');
      const run = async () => json<{ new: number; updated: number; unchanged: number }>(await ok(['collection', 'ingest', 'm/Films', '--json']));

      assert.deepEqual(pick(await run()), [0, 0, 2]);
      writeFileSync(lib.at('Films/Movie.ja.srt'), srtText('japanese'));
      assert.deepEqual(pick(await run()), [0, 1, 1]);
      assert.deepEqual(await languages(), ['spa', 'ger', 'eng', 'eng', 'fre', 'jpn', 'und']);
      unlinkSync(lib.at('Films/Movie.fr.ass'));
      assert.deepEqual(pick(await run()), [0, 1, 1]);
      assert.deepEqual(await languages(), ['spa', 'ger', 'eng', 'eng', 'jpn', 'und']);
      // Same size, new mtime: changed all the same.
      const plain = lib.at('Films/Movie.srt');
      utimesSync(plain, new Date(), new Date(statSync(plain).mtimeMs + 5000));
      assert.deepEqual(pick(await run()), [0, 1, 1]);
      const last = await movie();
      assert.equal(last?.id, first?.id);
      assert.equal(Number(last?.sidecars.find((f) => f.path === plain)?.mtimeMs), Math.trunc(statSync(plain).mtimeMs));
      assert.deepEqual(pick(await run()), [0, 0, 2]);
    } finally {
      lib.cleanup();
    }
  });

  // Media servers (plex, jellyfin, emby): a fake server over real files at /srv/<type>/…, mapped to a local copy.
  const figures = (s: { new: number; updated: number; unchanged: number; invalid: number; missing: number; total: number }) =>
    ({ new: s.new, updated: s.updated, unchanged: s.unchanged, invalid: s.invalid, missing: s.missing, total: s.total });
  const summaryOf = async (ref: string) => json<{ new: number; updated: number; unchanged: number; invalid: number; missing: number; total: number }>(await ok(['collection', 'ingest', ref, '--json']));
  const serverAssets = async () =>
    (await assets()).filter((a) => a.importer !== 'filesystem');
  /** The artwork URLs the server gives an entry (never with the credential). */
  const artworkOf = (server: MediaServer, e: ServerEntry, index: number) => {
    if (server.type === 'plex') return e.episode ? { poster: `${server.url}/library/metadata/200/thumb/1`, thumb: `${server.url}/library/metadata/${e.id}/thumb/1700000000` } : { poster: `${server.url}/library/metadata/${e.id}/thumb/1700000000` };
    const image = (id: string, tag: string) => `${server.url}/Items/${id}/Images/Primary?tag=${tag}`;
    return e.episode ? { thumb: image(e.id, `tag${index}`), poster: image(e.episode.seriesId, 'seriestag') } : { poster: image(e.id, `tag${index}`) };
  };

  for (const type of ['plex', 'jellyfin', 'emby'] as const) {
    test(`D-50: each ${type} movie and episode becomes a ready asset keyed by the server's item id, with the server's names and metadata and ffprobe's duration of the local file`, async () => {
      await withMediaServer(type, async (server, media, entries) => {
        await serverSource(fx.database, server, media, 'srv');
        assert.deepEqual(figures(await summaryOf('srv/Movies')), { new: 5, updated: 0, unchanged: 0, invalid: 0, missing: 0, total: 5 });
        assert.equal((await summaryOf('srv/Shows')).new, 3);
        const rows = await serverAssets();
        assert.deepEqual(rows.map((r) => r.external_id).sort(), entries.map((e) => e.id).sort());
        assert.doesNotMatch(JSON.stringify(rows), new RegExp(server.credential));
        for (const [index, e] of entries.entries()) {
          const row = rows.find((r) => r.external_id === e.id);
          assert.ok(row, e.id);
          assert.equal(row.importer, type);
          assert.equal(row.path, media.at(e.file));
          const probed = await probeMedia(media.at(e.file));
          assert.ok(probed.ok);
          assert.deepEqual({ state: row.state, duration_ms: Number(row.duration_ms), video: row.video }, { state: 'ready', duration_ms: probed.media.durationMs, video: probed.media.video }, e.id);
          const named = { kind: row.kind, title: row.title, series: row.series, season: row.season, episode: row.episode, year: row.year };
          assert.deepEqual(named, {
            kind: e.episode ? 'episode' : 'movie', title: e.title, series: e.episode?.series ?? null,
            season: e.episode?.season ?? null, episode: e.episode?.episode ?? null, year: e.year ?? null,
          }, e.id);
          // Plex gives an episode its show's genres and rating; Jellyfin and Emby carry the episode's own.
          const showFields = type === 'plex' && e.episode ? { genres: ['Comedy'], content_rating: 'TV-PG' } : {};
          assert.deepEqual(row.metadata, {
            ...(e.summary === undefined ? {} : { summary: e.summary }),
            ...(e.genres === undefined ? {} : { genres: e.genres }),
            ...(e.contentRating === undefined ? {} : { content_rating: e.contentRating }),
            ...showFields,
            artwork: artworkOf(server, e, index),
            source_path: `${server.root}/${e.file}`,
          }, e.id);
        }
      });
    });
  }

  for (const type of ['plex', 'jellyfin'] as const) {
    test(`D-51: a ${type} library larger than a page (page_size 2, 5 movies) is read page by page until the server's total, every item becoming an asset`, async () => {
      await withMediaServer(type, async (server, media, entries) => {
        await serverSource(fx.database, server, media, 'srv', { config: { page_size: 2 } });
        const before = server.listings();
        assert.equal((await summaryOf('srv/Movies')).new, 5);
        assert.ok(server.listings() - before >= 3, `${server.listings() - before} listing requests for 5 items in pages of 2`);
        const movies = entries.filter((e) => e.episode === undefined).map((e) => e.id).sort();
        assert.deepEqual((await serverAssets()).map((r) => r.external_id).sort(), movies);
      });
    });
  }

  for (const type of ['plex', 'jellyfin'] as const) {
    test(`D-52: a ${type} item whose server path is not mapped becomes invalid naming the path and the fix; the rest is ingested; once mapped it becomes ready`, async () => {
      await withMediaServer(type, async (server, media, entries) => {
        await serverSource(fx.database, server, media, 'srv', { unmapped: ['more-movies'] });
        const lost = entries.find((e) => e.file.startsWith('more-movies/'));
        assert.ok(lost);
        assert.deepEqual(figures(await summaryOf('srv/Movies')), { new: 5, updated: 0, unchanged: 0, invalid: 1, missing: 0, total: 5 });
        const first = await serverAssets();
        const invalid = first.filter((r) => r.state === 'invalid');
        assert.deepEqual(invalid.map((r) => r.external_id), [lost.id]);
        assert.match(invalid[0]?.invalid_reason ?? '', new RegExp(`${server.root}/${lost.file}.*not mapped.*retrovue collection update srv/Movies --local-path ${server.root}/more-movies=LOCAL`));
        assert.ok(first.filter((r) => r.external_id !== lost.id).every((r) => r.state === 'ready'));

        await ok(['collection', 'update', 'srv/Movies', ...mappings(server, media, ['movies', 'more-movies'])]);
        assert.deepEqual(figures(await summaryOf('srv/Movies')), { new: 0, updated: 1, unchanged: 4, invalid: 0, missing: 0, total: 5 });
        const fixed = (await serverAssets()).find((r) => r.external_id === lost.id);
        assert.deepEqual([fixed?.id, fixed?.state, fixed?.invalid_reason, fixed?.path], [invalid[0]?.id, 'ready', null, media.at(lost.file)]);
      });
    });
  }

  for (const type of ['plex', 'jellyfin'] as const) {
    test(`D-53: a second ${type} ingest of an unchanged library writes nothing; a changed item is updated in place; a removed one becomes missing, not deleted`, async () => {
      await withMediaServer(type, async (server, media, entries) => {
        await serverSource(fx.database, server, media, 'srv');
        await summaryOf('srv/Movies');
        const first = await serverAssets();
        assert.deepEqual(figures(await summaryOf('srv/Movies')), { new: 0, updated: 0, unchanged: 5, invalid: 0, missing: 0, total: 5 });
        assert.deepEqual(await serverAssets(), first, 'nothing written, not even updated_at');

        const [renamed, removed] = entries;
        assert.ok(renamed && removed);
        // The local file counts too: one touched here (same size, the server unchanged) is read again in place.
        const touched = first.find((r) => r.external_id !== renamed.id && r.external_id !== removed.id);
        assert.ok(touched);
        const touchedAt = new Date((Math.floor(Number(touched.mtime_ms) / 1000) + 5) * 1000); // whole seconds: utimes is exact there
        utimesSync(touched.path, touchedAt, touchedAt);
        assert.deepEqual(figures(await summaryOf('srv/Movies')), { new: 0, updated: 1, unchanged: 4, invalid: 0, missing: 0, total: 5 });
        const before = await serverAssets();
        assert.equal(Number(before.find((r) => r.id === touched.id)?.mtime_ms), touchedAt.getTime());
        server.rename(renamed.id, 'Alpha Movie (Director\'s Cut)');
        server.remove(removed.id);
        assert.deepEqual(figures(await summaryOf('srv/Movies')), { new: 0, updated: 1, unchanged: 3, invalid: 0, missing: 1, total: 4 });
        const after = await serverAssets();
        assert.deepEqual(after.map((r) => r.id), before.map((r) => r.id), 'no asset added or deleted');
        const row = (id: string) => after.find((r) => r.external_id === id);
        assert.equal(row(renamed.id)?.title, 'Alpha Movie (Director\'s Cut)');
        assert.equal(row(renamed.id)?.state, 'ready');
        assert.equal(row(removed.id)?.state, 'missing');
        assert.ok(row(removed.id)?.missing_since instanceof Date);
        const untouched = (rows: typeof before) => rows.filter((r) => r.external_id !== renamed.id && r.external_id !== removed.id);
        assert.deepEqual(untouched(after), untouched(before));
      });
    });
  }
});

const pick = (s: { new: number; updated: number; unchanged: number }) => [s.new, s.updated, s.unchanged];

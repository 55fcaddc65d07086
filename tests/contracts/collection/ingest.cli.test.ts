// CLI contract tests for `retrovue collection ingest` (contracts/collection/ingest.yaml).
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { IngestEnricher } from '../../../src/plugins/enricher.js';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import { addDiscoveredSource, demoLibrary } from '../../support/catalog.js';
import type { IngestSummary } from '../../../src/ingest/collection-ingest.js';
import { cli, cliProcess, json } from '../../support/cli.js';
import { binaryEnv, binaryOk, clipLibrary, interruptBinary, type LibraryFile, libraryOf, withBinaryDatabase } from '../../support/media-fixtures.js';
import { closedPort, serverSource, slowProxy, withMediaServer } from '../../support/media-server-library.js';
import { withoutRootPrivileges } from '../../support/privileges.js';
import { forEachDatabase, onOneDatabase } from '../../support/test-databases.js';

type Summary = IngestSummary;

const figures = (s: Summary) => ({ new: s.new, updated: s.updated, unchanged: s.unchanged, invalid: s.invalid, missing: s.missing, total: s.total });

/** The figures of a text summary line, e.g. "ingested lib/Mix: 3 new, 0 updated, … (3 files, 0.2 s)". */
function textFigures(stdout: string): ReturnType<typeof figures> {
  const match = /: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) invalid, (\d+) missing \((\d+) files, \d+\.\d s\)/.exec(stdout);
  assert.ok(match, `no summary line in: ${stdout}`);
  const [, n, updated, unchanged, invalid, missing, total] = match.map(Number);
  return { new: n as number, updated: updated as number, unchanged: unchanged as number, invalid: invalid as number, missing: missing as number, total: total as number };
}

// A test-only enricher that throws on the file named in its config, handed to the CLI through its context.
const explodeType = 'explode-test';
const explode: IngestEnricher<{ file?: string }> = {
  type: explodeType,
  kind: 'ingest',
  description: 'Test only: throws on one file.',
  configSchema: { type: 'object', additionalProperties: false, properties: { file: { type: 'string' } } },
  async enrich(draft, config) {
    if (draft.relativePath === config.file) throw new Error('boom');
    return draft;
  },
};
const plugins = builtinPlugins();
plugins.enrichers.register(explode);

forEachDatabase((fx) => {
  const run = (argv: string[], typed?: string) => cli(argv, typed === undefined ? { database: fx.database, plugins } : { database: fx.database, plugins, typed });
  const ok = async (argv: string[]) => {
    const result = await run(argv);
    assert.equal(result.exitCode, 0, `${argv.join(' ')}: ${result.stderr}`);
    return result;
  };
  const assetRows = () =>
    fx.database.db
      .selectFrom('asset')
      .innerJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
      .selectAll('asset')
      .select(['provider_ref.importer', 'provider_ref.external_id'])
      .orderBy('asset.id')
      .execute();

  test('B-1: prints the summary in text and the same figures as JSON, and exits 0', async () => {
    // Six episodes and an empty file; later every figure takes a different value, so no two columns can pass for each other.
    const clips = ['Bumpers/Test Card.mp4', 'Bumpers/Up Next.mov', 'Bumpers/Station ID - Evening.mp4'];
    const files: Record<string, LibraryFile> = { 'Mix/Empty.mp4': { bytes: '' } };
    for (let i = 1; i <= 6; i++) files[`Mix/Show - S01E0${i}.mp4`] = { demo: clips[i % 3] as string };
    const lib = await libraryOf(files);
    try {
      // Two sources over the same directory: one is ingested in text, the other with --json.
      await addDiscoveredSource(fx.database, 'text', lib.root);
      await addDiscoveredSource(fx.database, 'json', lib.root);
      await ok(['collection', 'update', 'text/Mix', '--ingest-enabled']);
      await ok(['collection', 'update', 'json/Mix', '--ingest-enabled']);

      const text = await ok(['collection', 'ingest', 'text/Mix']);
      const doc = json<Summary>(await ok(['collection', 'ingest', 'json/Mix', '--json']));
      assert.equal(text.stderr, '');
      assert.match(text.stdout, /^ingested text\/Mix: 7 new, 0 updated, 0 unchanged, 1 invalid, 0 missing \(7 files, \d+\.\d s\)$/m);
      assert.match(text.stdout, /^ {2}invalid Empty\.mp4: zero-length file$/m);
      assert.deepEqual(figures(doc), { new: 7, updated: 0, unchanged: 0, invalid: 1, missing: 0, total: 7 });
      assert.deepEqual(textFigures(text.stdout), figures(doc));
      assert.equal(doc.collection, 'json/Mix');
      assert.equal(doc.interrupted, false);
      assert.ok(Number.isInteger(doc.elapsed_ms) && doc.elapsed_ms >= 0);
      assert.deepEqual(doc.invalid_files, [{ path: 'Empty.mp4', reason: 'zero-length file' }]);

      // Two files gone, one replaced by a different clip, three added, four left as they were (the empty one too).
      const demoRoot = (await demoLibrary()).root;
      unlinkSync(lib.at('Mix/Show - S01E01.mp4'));
      unlinkSync(lib.at('Mix/Show - S01E02.mp4'));
      copyFileSync(join(demoRoot, 'Bumpers/Up Next.mov'), lib.at('Mix/Show - S01E03.mp4'));
      copyFileSync(join(demoRoot, 'Bumpers/Test Card.mp4'), lib.at('Mix/Show - S02E01.mp4'));
      copyFileSync(join(demoRoot, 'Bumpers/Up Next.mov'), lib.at('Mix/Show - S02E02.mov'));
      copyFileSync(join(demoRoot, 'Bumpers/Station ID - Evening.mp4'), lib.at('Mix/Show - S02E03.mp4'));
      const text2 = await ok(['collection', 'ingest', 'text/Mix']);
      const doc2 = json<Summary>(await ok(['collection', 'ingest', 'json/Mix', '--json']));
      assert.deepEqual(figures(doc2), { new: 3, updated: 1, unchanged: 4, invalid: 0, missing: 2, total: 8 });
      assert.equal(new Set(Object.values(figures(doc2))).size, 6, 'no two figures alike');
      assert.match(text2.stdout, /^ingested text\/Mix: 3 new, 1 updated, 4 unchanged, 0 invalid, 2 missing \(8 files, \d+\.\d s\)\n$/);
      assert.deepEqual(textFigures(text2.stdout), figures(doc2));
      assert.deepEqual(doc2.invalid_files, []);
    } finally {
      lib.cleanup();
    }
  });

  test('B-2: refuses a collection whose ingest is disabled, saying how to enable it', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    const refused = await run(['collection', 'ingest', 'lib/Bumpers']);
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.stdout, '');
    assert.equal(refused.stderr, 'retrovue: error: collection lib/Bumpers has ingest disabled; enable it with retrovue collection update lib/Bumpers --ingest-enabled\n');
    assert.deepEqual(await assetRows(), []);
    // The advice works as given.
    await ok(['collection', 'update', 'lib/Bumpers', '--ingest-enabled']);
    assert.equal(json<Summary>(await ok(['collection', 'ingest', 'lib/Bumpers', '--json'])).new, 3);
  });

  test('B-3: exits 3 with one line naming the path when the collection path is unreachable', async () => {
    const lib = await libraryOf({ 'Mix/Clip.mp4': { demo: 'Bumpers/Test Card.mp4' } });
    await addDiscoveredSource(fx.database, 'gone', lib.root);
    await ok(['collection', 'update', 'gone/Mix', '--ingest-enabled']);
    lib.cleanup(); // the disk went away after discovery
    const unreachable = await run(['collection', 'ingest', 'gone/Mix']);
    assert.equal(unreachable.exitCode, 3);
    assert.equal(unreachable.stdout, '');
    assert.equal(unreachable.stderr.trim().split('\n').length, 1, unreachable.stderr);
    assert.equal(unreachable.stderr, `retrovue: error: collection gone/Mix path ${join(lib.root, 'Mix')} is not reachable\n`);

    // A mapped path names the local path it was mapped to, and where from.
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ok(['collection', 'update', 'lib/Movies', '--ingest-enabled', '--local-path', `${root}=/nonexistent/retrovue-mount`]);
    const mapped = await run(['collection', 'ingest', 'lib/Movies', '--json']);
    assert.equal(mapped.exitCode, 3);
    assert.equal(mapped.stdout, '');
    const error = JSON.parse(mapped.stderr) as { error: { code: string; message: string } };
    assert.equal(error.error.code, 'unreachable');
    assert.equal(error.error.message, `collection lib/Movies path /nonexistent/retrovue-mount/Movies (mapped from ${join(root, 'Movies')}) is not reachable`);
    assert.deepEqual(await assetRows(), []);
  });

  test('B-3: a collection path that cannot be read (chmod 000) exits 3 with one line naming the path and the cause', async () => {
    const lib = await libraryOf({ 'Mix/Clip.mp4': { demo: 'Bumpers/Test Card.mp4' } });
    try {
      await addDiscoveredSource(fx.database, 'locked', lib.root);
      await ok(['collection', 'update', 'locked/Mix', '--ingest-enabled']);
      chmodSync(lib.at('Mix'), 0o000);
      const run = await withoutRootPrivileges(() => cli(['collection', 'ingest', 'locked/Mix'], { database: fx.database }));
      assert.equal(run.exitCode, 3, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `retrovue: error: collection locked/Mix path ${lib.at('Mix')} is not reachable (EACCES)\n`);
      assert.deepEqual(await assetRows(), []);
    } finally {
      chmodSync(lib.at('Mix'), 0o755);
      lib.cleanup();
    }
  });

  test('B-4: refuses a --path outside the collection and an unknown collection with exit 1 naming them', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ok(['collection', 'update', 'lib/Series', '--ingest-enabled']);
    const series = join(root, 'Series');
    for (const outside of ['../Movies', join(root, 'Movies'), '/']) {
      const refused = await run(['collection', 'ingest', 'lib/Series', '--path', outside]);
      assert.equal(refused.exitCode, 1, outside);
      assert.equal(refused.stderr, `retrovue: error: --path ${outside} is outside collection lib/Series (${series})\n`);
    }
    const absent = await run(['collection', 'ingest', 'lib/Series', '--path', 'No Such Show']);
    assert.equal(absent.exitCode, 1);
    assert.equal(absent.stderr, `retrovue: error: ${join(series, 'No Such Show')} is not a directory inside collection Series\n`);
    const unknown = await run(['collection', 'ingest', 'lib/Nope']);
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.stderr, /^retrovue: error: collection "lib\/Nope" does not exist; see retrovue collection list/);
    assert.equal(unknown.stderr.trim().split('\n').length, 1);
    assert.deepEqual(await assetRows(), []);

    // A --path inside (relative or absolute) ingests only that folder.
    const one = json<Summary>(await ok(['collection', 'ingest', 'lib/Series', '--path', 'Captain Comet', '--json']));
    assert.deepEqual(figures(one), { new: 3, updated: 0, unchanged: 0, invalid: 0, missing: 0, total: 3 });
    const other = json<Summary>(await ok(['collection', 'ingest', 'lib/Series', '--path', join(series, 'Kitchen Capers', 'Season 02'), '--json']));
    assert.deepEqual(figures(other), { new: 2, updated: 0, unchanged: 0, invalid: 0, missing: 0, total: 2 });
    assert.deepEqual((await assetRows()).map((a) => a.relative_path).sort(), [
      'Captain Comet/Season 01/Captain Comet - S01E01 - Launch Day.mp4',
      'Captain Comet/Season 01/Captain Comet - S01E02 - The Moon Maze.mp4',
      'Captain Comet/Season 01/Captain Comet - S01E03 - Comet Tail.mp4',
      'Kitchen Capers/Season 02/Kitchen Capers - S02E01 - The Big Bake.mp4',
      'Kitchen Capers/Season 02/Kitchen Capers - S02E02 - Noodle Night.mp4',
    ]);
  });

  test('B-5: --dry-run reports what it would add, re-probe and mark missing, and writes nothing', async () => {
    const clips = ['Bumpers/Test Card.mp4', 'Bumpers/Up Next.mov', 'Bumpers/Station ID - Evening.mp4'];
    const files: Record<string, LibraryFile> = {};
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F']) files[`Mix/${name}.mp4`] = { demo: clips[name.charCodeAt(0) % 3] as string };
    const lib = await libraryOf(files);
    try {
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ok(['collection', 'update', 'm/Mix', '--ingest-enabled']);
      const first = await ok(['collection', 'ingest', 'm/Mix', '--dry-run', '--json']);
      const wouldAdd = json<Summary & { dry_run: boolean }>(first);
      assert.equal(wouldAdd.dry_run, true);
      assert.deepEqual(figures(wouldAdd), { new: 6, updated: 0, unchanged: 0, invalid: 0, missing: 0, total: 6 });
      assert.deepEqual(await assetRows(), []);

      await ok(['collection', 'ingest', 'm/Mix']);
      // Two gone, one replaced by a different clip, four added, three left as they were: no two figures alike.
      unlinkSync(lib.at('Mix/A.mp4'));
      unlinkSync(lib.at('Mix/B.mp4'));
      copyFileSync(lib.at('Mix/D.mp4'), lib.at('Mix/C.mp4'));
      for (const name of ['G', 'H', 'I', 'J']) copyFileSync(lib.at('Mix/D.mp4'), lib.at(`Mix/${name}.mp4`));
      const before = await assetRows();
      const text = await ok(['collection', 'ingest', 'm/Mix', '--dry-run']);
      assert.match(text.stdout, /^would ingest m\/Mix: 4 new, 1 updated, 3 unchanged, 0 invalid, 2 missing \(8 files, \d+\.\d s\)$/m);
      assert.equal(text.stderr, 'dry run: nothing was changed\n');
      const predicted = json<Summary>(await ok(['collection', 'ingest', 'm/Mix', '--dry-run', '--json']));
      assert.deepEqual(figures(predicted), { new: 4, updated: 1, unchanged: 3, invalid: 0, missing: 2, total: 8 });
      assert.equal(new Set(Object.values(figures(predicted))).size, 6, 'no two figures alike');
      assert.deepEqual(await assetRows(), before, 'a dry run changed the catalog');
      // What the dry run predicted is what the real run then does.
      const real = json<Summary>(await ok(['collection', 'ingest', 'm/Mix', '--json']));
      assert.deepEqual(figures(real), figures(predicted));
      assert.notDeepEqual(await assetRows(), before);
    } finally {
      lib.cleanup();
    }
  });

  test('B-6: Ctrl-C stops the ingest with exit 2, keeping every asset already finished', onOneDatabase(fx), async () => {
    const lib = await clipLibrary(60);
    const home = mkdtempSync(join(tmpdir(), 'retrovue-interrupt-'));
    try {
      const env = binaryEnv(fx, home);
      await withBinaryDatabase(fx, home, async (database) => {
        await addDiscoveredSource(database, 'big', lib.root);
        assert.equal((await cli(['collection', 'update', 'big/Clips', '--ingest-enabled'], { database })).exitCode, 0);
      });

      // Interrupted once the first batch is committed, with most of the files still to go.
      const stopped = await interruptBinary(['collection', 'ingest', 'big/Clips', '--json', '--concurrency', '1'], env, /ingest batch committed/);
      assert.equal(stopped.exitCode, 2, stopped.stderr);
      assert.match(stopped.stderr, /interrupted: finishing the current work/);
      const summary = json<Summary>(stopped);
      assert.equal(summary.interrupted, true);
      assert.equal(summary.total, 60);
      assert.ok(summary.new > 0 && summary.new < 60, `kept ${summary.new} of 60`);

      const kept = await withBinaryDatabase(fx, home, (database) =>
        database.db.selectFrom('asset').innerJoin('provider_ref', 'provider_ref.asset_id', 'asset.id').select(['asset.id', 'asset.state', 'asset.duration_ms']).execute(),
      );
      assert.equal(kept.length, summary.new, 'the summary counts exactly what was kept');
      assert.ok(kept.every((a) => a.state === 'ready' && Number(a.duration_ms) > 0));

      // Running the same command again finishes the rest and keeps what was done.
      const rest = await binaryOk(['collection', 'ingest', 'big/Clips'], env);
      assert.deepEqual(figures(rest as unknown as Summary), { new: 60 - kept.length, updated: 0, unchanged: kept.length, invalid: 0, missing: 0, total: 60 });
      assert.equal(rest['interrupted'], false);
      const all = await withBinaryDatabase(fx, home, (database) => database.db.selectFrom('asset').select(['id', 'state']).execute());
      assert.equal(all.length, 60);
      assert.ok(all.every((a) => a.state === 'ready'));
      const allIds = new Set(all.map((a) => a.id));
      assert.ok(kept.every((a) => allIds.has(a.id)));
    } finally {
      lib.cleanup();
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('B-7: an ingest enricher that throws fails the command with exit 1 naming the enricher and the file', async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ok(['collection', 'update', 'lib/Bumpers', '--ingest-enabled']);
    await ok(['enricher', 'add', '--id', 'boom', '--type', explodeType, '--config', JSON.stringify({ file: 'Up Next.mov' })]);
    await ok(['collection', 'attach-enricher', 'lib/Bumpers', '--enricher', 'boom']);
    const failed = await run(['collection', 'ingest', 'lib/Bumpers']);
    assert.equal(failed.exitCode, 1);
    assert.equal(failed.stdout, '');
    assert.equal(failed.stderr, 'retrovue: error: enricher boom (explode-test) failed on Up Next.mov: boom\n');
    const asJson = await run(['collection', 'ingest', 'lib/Bumpers', '--json']);
    assert.equal(asJson.exitCode, 1);
    assert.deepEqual(JSON.parse(asJson.stderr), { error: { code: 'plugin_failed', message: 'enricher boom (explode-test) failed on Up Next.mov: boom' } });
    // Nothing half-written: the failed file has no asset, and whatever was committed is whole.
    const rows = await assetRows();
    assert.ok(!rows.some((a) => a.relative_path === 'Up Next.mov'));
    assert.ok(rows.every((a) => a.state === 'ready' && a.external_id.startsWith('Bumpers/')));
  });

  test('B-8: shows progress on stderr on a terminal, and none without one', onOneDatabase(fx), async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ok(['collection', 'update', 'lib/Bumpers', '--ingest-enabled']);
    await ok(['collection', 'update', 'lib/Commercials', '--ingest-enabled']);
    const terminal = await run(['collection', 'ingest', 'lib/Bumpers', '--concurrency', '1'], '');
    assert.equal(terminal.exitCode, 0, terminal.stderr);
    assert.match(terminal.stdout, /^ingested lib\/Bumpers: 3 new/m);
    assert.match(terminal.stderr, /^ingest \[[█░]+\] 3\/3 /m);
    assert.match(terminal.stderr, /ingest \[[█░]+\] \d\/3 (Station ID - Evening\.mp4|Test Card\.mp4|Up Next\.mov)/);
    assert.doesNotMatch(terminal.stdout, /ingest \[/);

    const piped = await run(['collection', 'ingest', 'lib/Commercials', '--concurrency', '1']);
    assert.equal(piped.exitCode, 0, piped.stderr);
    assert.match(piped.stdout, /^ingested lib\/Commercials: 4 new/m);
    assert.equal(piped.stderr, '');
  });

  test('B-9: an ffprobe that cannot run fails the command with exit 3 naming the tool, and condemns no file', async () => {
    const lib = await libraryOf({ 'Mix/One.mp4': { demo: 'Bumpers/Test Card.mp4' }, 'Mix/Two.mov': { demo: 'Bumpers/Up Next.mov' } });
    const tools = mkdtempSync(join(tmpdir(), 'retrovue-tools-'));
    try {
      // A wrapper broken outright, and one that answers -version but fails every probe as a shell would
      // when what it runs is gone (exit 127).
      const broken = join(tools, 'ffprobe-broken');
      writeFileSync(broken, '#!/bin/sh\necho "ffprobe-broken: libavformat.so.59: cannot open shared object file" >&2\nexit 127\n', { mode: 0o755 });
      const halfBroken = join(tools, 'ffprobe-half');
      writeFileSync(halfBroken, '#!/bin/sh\nif [ "$1" = -version ]; then exec ffprobe -version; fi\necho "ffprobe-half: not found" >&2\nexit 127\n', { mode: 0o755 });
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ok(['collection', 'update', 'm/Mix', '--ingest-enabled']);
      const cases: Array<[string, RegExp]> = [
        [broken, /^retrovue: error: ffprobe ".*ffprobe-broken" does not run \(ffprobe -version exited with 127: ffprobe-broken: libavformat\.so\.59: cannot open shared object file\); install ffmpeg or fix PATH, then ingest again\n$/],
        [halfBroken, /^retrovue: error: ffprobe ".*ffprobe-half" does not run \(exited with 127: ffprobe-half: not found\); install ffmpeg or fix PATH, then ingest again\n$/],
        [join(tools, 'absent'), /^retrovue: error: ffprobe ".*absent" is not installed or not on PATH; install ffmpeg or fix PATH, then ingest again\n$/],
      ];
      for (const [tool, message] of cases) {
        await ok(['enricher', 'update', 'ffprobe', '--config', JSON.stringify({ path: tool })]);
        const failed = await run(['collection', 'ingest', 'm/Mix', '--concurrency', '1']);
        assert.equal(failed.exitCode, 3, failed.stderr);
        assert.equal(failed.stdout, '');
        assert.match(failed.stderr, message);
        assert.deepEqual((await assetRows()).filter((a) => a.state === 'invalid'), [], 'no file was condemned');
      }
      // Fixed: the same files are ingested, ready.
      await ok(['enricher', 'update', 'ffprobe', '--config', '{}']);
      const fixed = json<Summary>(await ok(['collection', 'ingest', 'm/Mix', '--json']));
      assert.deepEqual([fixed.new + fixed.updated, fixed.invalid], [2, 0]);
      assert.deepEqual((await assetRows()).map((a) => a.state), ['ready', 'ready']);
    } finally {
      rmSync(tools, { recursive: true, force: true });
      lib.cleanup();
    }
  });

  test('B-10: concurrent ingests of one collection end in success or the conflict error, never a constraint name', async () => {
    const lib = await clipLibrary(12);
    try {
      await addDiscoveredSource(fx.database, 'race', lib.root);
      await ok(['collection', 'update', 'race/Clips', '--ingest-enabled']);
      const runs = await Promise.all([1, 2, 3].map(() => run(['collection', 'ingest', 'race/Clips', '--json', '--concurrency', '2'])));
      assert.ok(runs.some((r) => r.exitCode === 0), runs.map((r) => r.stderr).join(''));
      for (const lost of runs.filter((r) => r.exitCode !== 0)) {
        assert.equal(lost.exitCode, 1, lost.stderr);
        const { error } = JSON.parse(lost.stderr) as { error: { code: string; message: string } };
        assert.equal(error.code, 'conflict', error.message);
        assert.doesNotMatch(error.message, /provider_ref|_pkey|_fkey|duplicate key|constraint/);
        assert.match(error.message, /^file Clips\/clip-\d+\.(mp4|mov) was just ingested by another command; another ingest of the same collection is running; let it finish, then run this one again$/);
      }
      const rows = await assetRows();
      assert.equal(new Set(rows.map((r) => r.external_id)).size, rows.length, 'no file is two assets');
      const again = json<Summary>(await ok(['collection', 'ingest', 'race/Clips', '--json']));
      assert.deepEqual([again.total, again.new + again.updated + again.unchanged], [12, 12]);
      assert.equal((await assetRows()).length, 12);

      // A source removed while its collection is ingested: the ingest ends in success or in the conflict error.
      const more = await clipLibrary(24);
      try {
        await addDiscoveredSource(fx.database, 'doomed', more.root);
        await ok(['collection', 'update', 'doomed/Clips', '--ingest-enabled']);
        const ingesting = run(['collection', 'ingest', 'doomed/Clips', '--json', '--concurrency', '1']);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const removed = await run(['source', 'remove', 'doomed', '--force']);
        const ingested = await ingesting;
        assert.equal(removed.exitCode, 0, removed.stderr);
        if (ingested.exitCode !== 0) {
          assert.equal(ingested.exitCode, 1, ingested.stderr);
          const { error } = JSON.parse(ingested.stderr) as { error: { code: string; message: string } };
          assert.ok(['conflict', 'not_found'].includes(error.code), error.message);
          assert.doesNotMatch(error.message, /_fkey|_pkey|constraint|violates/);
        }
      } finally {
        more.cleanup();
      }
    } finally {
      lib.cleanup();
    }
  });

  // Finding ffprobe on PATH is the process's, not the database's (the B-9 above runs on both): one dialect proves it.
  test('B-9: the built binary with a broken ffprobe first on PATH exits 3 naming it, and condemns no file', onOneDatabase(fx), async () => {
    const lib = await libraryOf({ 'Mix/One.mp4': { demo: 'Bumpers/Test Card.mp4' } });
    const home = mkdtempSync(join(tmpdir(), 'retrovue-brokenpath-'));
    const tools = mkdtempSync(join(tmpdir(), 'retrovue-path-'));
    try {
      writeFileSync(join(tools, 'ffprobe'), '#!/bin/sh\necho "ffprobe: error while loading shared libraries: libavdevice.so.59" >&2\nexit 127\n', { mode: 0o755 });
      await withBinaryDatabase(fx, home, async (database) => {
        await addDiscoveredSource(database, 'm', lib.root);
        assert.equal((await cli(['collection', 'update', 'm/Mix', '--ingest-enabled'], { database })).exitCode, 0);
      });
      const env = { ...binaryEnv(fx, home), PATH: `${tools}:${process.env['PATH'] ?? ''}` };
      const failed = await cliProcess(['collection', 'ingest', 'm/Mix'], env);
      assert.equal(failed.exitCode, 3, failed.stderr);
      assert.equal(failed.stdout, '');
      assert.equal(
        failed.stderr,
        'retrovue: error: ffprobe "ffprobe" does not run (ffprobe -version exited with 127: ffprobe: error while loading shared libraries: libavdevice.so.59); install ffmpeg or fix PATH, then ingest again\n',
      );
      const rows = await withBinaryDatabase(fx, home, (database) => database.db.selectFrom('asset').select('state').execute());
      assert.deepEqual(rows, []);
      const fixed = await binaryOk(['collection', 'ingest', 'm/Mix'], binaryEnv(fx, home));
      assert.deepEqual([fixed['new'], fixed['invalid']], [1, 0]);
    } finally {
      rmSync(tools, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
      lib.cleanup();
    }
  });

  test('B-20: subtitle files count as no file in the summary, whether a media file owns them or not', async () => {
    const srt = { bytes: '1\n00:00:01,000 --> 00:00:02,000\nhello\n\n' };
    const lib = await libraryOf({
      'Mix/Clip.mp4': { demo: 'Bumpers/Test Card.mp4' },
      'Mix/Clip.en.srt': srt,
      'Mix/Clip.fr.ass': srt,
      'Mix/Nobody.srt': srt,
      'Mix/Deeper/Clip.vtt': { bytes: 'WEBVTT\n' },
    });
    try {
      // A subtitle name that is not UTF-8 ("Clip.\xE9.srt"): not an invalid file either.
      writeFileSync(Buffer.concat([Buffer.from(`${lib.at('Mix')}/Clip.`), Buffer.from([0xe9]), Buffer.from('.srt')]), 'x');
      await addDiscoveredSource(fx.database, 'm', lib.root);
      await ok(['collection', 'update', 'm/Mix', '--ingest-enabled']);
      const text = await ok(['collection', 'ingest', 'm/Mix']);
      assert.deepEqual(textFigures(text.stdout), { new: 1, updated: 0, unchanged: 0, invalid: 0, missing: 0, total: 1 });
      assert.doesNotMatch(text.stdout, /\.(srt|ass|vtt)/);
      const again = json<Summary>(await ok(['collection', 'ingest', 'm/Mix', '--json']));
      assert.deepEqual(figures(again), { new: 0, updated: 0, unchanged: 1, invalid: 0, missing: 0, total: 1 });
      assert.deepEqual([again.invalid_files, again.skipped], [[], []]);
      assert.deepEqual((await assetRows()).map((r) => r.relative_path), ['Clip.mp4']);
    } finally {
      lib.cleanup();
    }
  });

  // Media servers: a fake Plex or Jellyfin over real files (tests/support/media-server-library.ts).
  const everyAsset = async () => ({
    assets: await fx.database.db.selectFrom('asset').selectAll().orderBy('id').execute(),
    refs: await fx.database.db.selectFrom('provider_ref').selectAll().orderBy('asset_id').execute(),
  });
  const product = { plex: 'Plex', jellyfin: 'Jellyfin' } as const;

  for (const type of ['plex', 'jellyfin'] as const) {
    test(`B-21: a ${type} server that refuses the credential, is gone, fails TLS, outlasts timeout_ms or cuts a page short fails the ingest with exit 3 and one line naming the collection, the server and the fix, never the credential, changing no asset`, async () => {
      await withMediaServer(type, async (server, media, entries) => {
        await serverSource(fx.database, server, media, 'srv', { config: { timeout_ms: 500, page_size: 2 } });
        await ok(['collection', 'ingest', 'srv/Movies']);
        // A run that wrote what it had read before failing would rename this asset or mark the unread ones missing.
        server.rename(entries[0]?.id ?? '', 'Renamed On The Server');
        const before = await everyAsset();
        const credential = type === 'plex' ? '--token' : '--api-key';
        const wrong = 'wRoNg-cReDeNtIaL-7777';
        const gone = `http://127.0.0.1:${await closedPort()}`;
        const tls = server.url.replace(/^http:/, 'https:'); // a plain-HTTP server: the TLS handshake fails
        const cases: Array<{ what: string; fail: () => Promise<unknown>; mend: () => Promise<unknown>; url: string; says: RegExp }> = [
          {
            what: 'refused', url: server.url, says: new RegExp(`refused the credential \\(401\\); .*retrovue source update srv ${credential} `),
            fail: () => ok(['source', 'update', 'srv', credential, wrong]), mend: () => ok(['source', 'update', 'srv', credential, server.credential]),
          },
          {
            what: 'gone', url: gone, says: /is not reachable \(ECONNREFUSED\); check the source's url$/,
            fail: () => ok(['source', 'update', 'srv', '--url', gone]), mend: () => ok(['source', 'update', 'srv', '--url', server.url]),
          },
          {
            what: 'tls', url: tls, says: /: TLS failed \(ERR_SSL_\w+\); use a certificate this machine trusts/,
            fail: () => ok(['source', 'update', 'srv', '--url', tls]), mend: () => ok(['source', 'update', 'srv', '--url', server.url]),
          },
          {
            what: 'hang', url: server.url, says: /did not answer \/\S+ within 0\.5 s; check that it is up, or raise timeout_ms in the source's config$/,
            fail: async () => server.faultListing('hang'), mend: async () => server.faultListing(undefined),
          },
          {
            what: 'cut', url: server.url, says: /closed the connection in the middle of \/\S+/,
            fail: async () => server.faultListing('close-mid-page', 1), mend: async () => server.faultListing(undefined),
          },
        ];
        for (const c of cases) {
          await c.fail();
          const started = process.hrtime.bigint();
          const failed = await run(['collection', 'ingest', 'srv/Movies']);
          const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
          await c.mend();
          assert.equal(failed.exitCode, 3, `${c.what}: ${failed.stderr}`);
          assert.equal(failed.stdout, '', c.what);
          assert.equal(failed.stderr.split('\n').length, 2, `${c.what}: one line: ${failed.stderr}`);
          assert.ok(failed.stderr.startsWith(`retrovue: error: collection srv/Movies: the ${product[type]} server ${c.url}`), `${c.what}: ${failed.stderr}`);
          assert.match(failed.stderr.trimEnd(), c.says, c.what);
          for (const secret of [server.credential, wrong]) assert.ok(!failed.stderr.includes(secret), `${c.what}: the credential leaked: ${failed.stderr}`);
          assert.ok(elapsedMs < 5000, `${c.what}: took ${elapsedMs} ms with timeout_ms 500`);
          assert.deepEqual(await everyAsset(), before, `${c.what}: an asset changed`);
        }
        // Mended, the same ingest goes through and sees the rename.
        const mended = json<Summary>(await ok(['collection', 'ingest', 'srv/Movies', '--json']));
        assert.deepEqual([mended.updated, mended.unchanged], [1, 4]);
      });
    });

    test(`B-22: on a terminal, a paged ${type} listing shows items listed of the server's total on stderr; without one, nothing`, onOneDatabase(fx), async () => {
      await withMediaServer(type, async (server, media) => {
        // Each request held 450 ms: the bar (redrawn every 200 ms) shows every page of two, even on a busy machine.
        const slow = await slowProxy(server.url, 450);
        try {
          await serverSource(fx.database, { ...server, url: slow.url }, media, 'srv', { config: { page_size: 2 } });
          const terminal = await run(['collection', 'ingest', 'srv/Movies', '--concurrency', '1'], '');
          assert.equal(terminal.exitCode, 0, terminal.stderr);
          assert.match(terminal.stdout, /^ingested srv\/Movies: 5 new/m);
          for (const listed of [2, 4]) assert.match(terminal.stderr, new RegExp(`^ingest \\[[█░]+\\] ${listed}/5 listing the source`, 'm'));
          assert.doesNotMatch(terminal.stdout, /listing the source/);
          const piped = await run(['collection', 'ingest', 'srv/Shows']);
          assert.equal(piped.exitCode, 0, piped.stderr);
          assert.equal(piped.stderr, '');
        } finally {
          await slow.close();
        }
      });
    });
  }
});

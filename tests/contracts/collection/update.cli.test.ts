// CLI contract tests for `retrovue collection update` (contracts/collection/update.yaml).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Updated {
  collection: { ref: string; ingest_enabled: boolean; local_paths: Array<{ remote: string; local: string }>; enrichers: string[] };
  changed: string[];
  dry_run?: boolean;
}

let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const update = (...args: string[]) => cli(['collection', 'update', ...args], { database: fx.database });
  const row = () => fx.database.db.selectFrom('collection').selectAll().where('name', '=', 'Movies').executeTakeFirstOrThrow();

  test('B-1: prints the updated collection and the fields that changed, and exits 0', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const run = await update('lib/Movies', '--ingest-enabled', '--local-path', '/mnt/media=/srv/media', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const doc = json<Updated>(run);
    assert.deepEqual(doc.changed, ['ingest_enabled', 'local_paths']);
    assert.equal(doc.collection.ref, 'lib/Movies');
    assert.equal(doc.collection.ingest_enabled, true);
    assert.deepEqual(doc.collection.local_paths, [{ remote: '/mnt/media', local: '/srv/media' }]);
    assert.deepEqual(doc.collection.enrichers, ['ffprobe', 'filename']);

    const off = await update('lib/Movies', '--no-ingest-enabled', '--json');
    assert.equal(off.exitCode, 0, off.stderr);
    assert.deepEqual(json<Updated>(off).changed, ['ingest_enabled']);
    assert.equal(json<Updated>(off).collection.ingest_enabled, false);
  });

  test('B-1: text mode names the changed fields and shows the collection; an update that changes nothing says so', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const run = await update('lib/Movies', '--local-path', '/mnt/media=/srv/media');
    assert.equal(run.exitCode, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'updated local_paths');
    assert.equal(lines[1], 'lib/Movies  ingest disabled');
    assert.ok(lines.includes('  mappings  /mnt/media=/srv/media'), run.stdout);

    const same = await update('lib/Movies', '--local-path', '/mnt/media=/srv/media', '--no-ingest-enabled', '--json');
    assert.equal(same.exitCode, 0, same.stderr);
    assert.deepEqual(json<Updated>(same).changed, []);
    const sameText = await update('lib/Movies', '--no-ingest-enabled');
    assert.equal(sameText.exitCode, 0, sameText.stderr);
    assert.match(sameText.stdout, /^collection lib\/Movies unchanged\n/);
  });

  for (const mapping of ['/mnt/media', '/mnt/media=', '=/srv/media', 'mnt/media=/srv/media', '/mnt/media=srv/media', '/mnt/media==/srv/media']) {
    test(`B-2: refuses the mapping "${mapping}" with exit 1 naming it`, async () => {
      await addDiscoveredSource(fx.database, 'lib', demo);
      const before = await row();
      const run = await update('lib/Movies', '--local-path', '/good=/fine', '--local-path', mapping);
      assert.equal(run.exitCode, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.equal(
        run.stderr,
        `retrovue: error: --local-path "${mapping}" must be REMOTE=LOCAL with two absolute paths, e.g. /mnt/media=/srv/media\n`,
      );
      assert.deepEqual(await row(), before);
    });
  }

  test('B-2: with --json a refused mapping is reported on stderr as invalid_input', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const run = await update('lib/Movies', '--local-path', 'relative=/srv', '--json');
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'invalid_input');
    assert.match(error.message, /--local-path "relative=\/srv" must be REMOTE=LOCAL/);
  });

  test('B-3: --dry-run reports the collection as it would become and persists nothing', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const before = await row();
    const run = await update('lib/Movies', '--ingest-enabled', '--local-path', '/mnt/media=/srv/media', '--dry-run', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated>(run);
    assert.equal(doc.dry_run, true);
    assert.deepEqual(doc.changed, ['ingest_enabled', 'local_paths']);
    assert.equal(doc.collection.ingest_enabled, true);
    assert.deepEqual(doc.collection.local_paths, [{ remote: '/mnt/media', local: '/srv/media' }]);
    assert.deepEqual(await row(), before);

    const text = await update('lib/Movies', '--ingest-enabled', '--dry-run');
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /^would update ingest_enabled\nlib\/Movies {2}ingest enabled\n/);
    assert.equal(text.stderr, 'dry run: nothing was changed\n');
    assert.deepEqual(await row(), before);
  });

  test('B-4: an unknown collection exits 1 with one line naming it', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    const run = await update('lib/Nope', '--ingest-enabled');
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^retrovue: error: collection "lib\/Nope" does not exist/);
    assert.equal((await fx.database.db.selectFrom('collection').select('id').where('ingest_enabled', '=', true).execute()).length, 0);
  });
});

// Data contract tests for `retrovue enricher add` (contracts/enricher/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { pluginsWithTestTypes } from '../../support/test-plugins.js';

forEachDatabase((fx) => {
  const add = (...args: string[]) => cli(['enricher', 'add', ...args], { database: fx.database });
  const rows = () => fx.database.db.selectFrom('enricher').selectAll().orderBy('id').execute();
  const row = (id: string) => fx.database.db.selectFrom('enricher').selectAll().where('id', '=', id).executeTakeFirst();

  test('D-1: persists the enricher with its type, kind and config', async () => {
    const run = await add('--id', 'slow-probe', '--type', 'ffprobe', '--config', '{"timeout_ms":120000}');
    assert.equal(run.exitCode, 0, run.stderr);
    const stored = await row('slow-probe');
    assert.ok(stored);
    assert.equal(stored.type, 'ffprobe');
    assert.equal(stored.kind, 'ingest');
    assert.deepEqual(stored.config, { timeout_ms: 120000 });

    assert.equal((await add('--id', 'names', '--type', 'filename')).exitCode, 0);
    const names = await row('names');
    assert.deepEqual([names?.type, names?.kind, names?.config], ['filename', 'ingest', {}]);
    // Every type's own kind is persisted: a (test-only) playout enricher is stored as playout.
    const bug = await cli(['enricher', 'add', '--id', 'corner-bug', '--type', 'bug-test', '--config', '{"image":"/srv/bug.png","corner":"top-left"}'], {
      database: fx.database,
      plugins: pluginsWithTestTypes(),
    });
    assert.equal(bug.exitCode, 0, bug.stderr);
    const corner = await row('corner-bug');
    assert.deepEqual([corner?.type, corner?.kind, corner?.config], ['bug-test', 'playout', { image: '/srv/bug.png', corner: 'top-left' }]);
    assert.deepEqual((await rows()).map((r) => r.id), ['corner-bug', 'ffprobe', 'filename', 'names', 'slow-probe']);
    // A new instance is attached nowhere.
    assert.deepEqual(await fx.database.db.selectFrom('collection_enricher').selectAll().where('enricher_id', 'in', ['names', 'slow-probe']).execute(), []);
  });

  test('D-1: a taken id leaves the existing enricher unchanged', async () => {
    assert.equal((await add('--id', 'names', '--type', 'filename')).exitCode, 0);
    const before = await rows();

    const sameId = await add('--id', 'names', '--type', 'ffprobe', '--config', '{"timeout_ms":5000}');
    assert.equal(sameId.exitCode, 1);
    assert.equal(sameId.stderr, 'retrovue: error: enricher "names" already exists; pick another --id\n');
    // A built-in instance's id is taken too.
    const builtIn = await add('--id', 'ffprobe', '--type', 'filename');
    assert.equal(builtIn.exitCode, 1);
    assert.match(builtIn.stderr, /enricher "ffprobe" already exists/);

    assert.deepEqual(await rows(), before);
  });

  test('D-1: a refused type or config, or --dry-run, persists nothing', async () => {
    const before = await rows();
    assert.equal((await add('--id', 'x', '--type', 'tvdb')).exitCode, 1);
    assert.equal((await add('--id', 'x', '--type', 'ffprobe', '--config', '{"timeout_ms":"x"}')).exitCode, 1);
    const dry = await add('--id', 'x', '--type', 'filename', '--dry-run');
    assert.equal(dry.exitCode, 0, dry.stderr);
    assert.equal(dry.stdout, 'would add ingest enricher x (filename)\n');
    assert.deepEqual(await rows(), before);
  });
});

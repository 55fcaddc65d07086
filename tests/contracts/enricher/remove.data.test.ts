// Data contract tests for `retrovue enricher remove` (contracts/enricher/remove.yaml).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { addDiscoveredSource, demoLibrary } from '../../support/catalog.js';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

let demo = '';
before(async () => {
  demo = (await demoLibrary()).root;
});

forEachDatabase((fx) => {
  const run = (...argv: string[]) => cli(argv, { database: fx.database });
  const snapshot = async () => ({
    enrichers: await fx.database.db.selectFrom('enricher').selectAll().orderBy('id').execute(),
    attachments: await fx.database.db.selectFrom('collection_enricher').selectAll().orderBy('collection_id').orderBy('position').execute(),
  });

  test('D-1: a removed enricher is no longer persisted, and nothing else is touched', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    assert.equal((await run('enricher', 'add', '--id', 'names', '--type', 'filename')).exitCode, 0);
    const before = await snapshot();
    const removed = await run('enricher', 'remove', 'names', '--force');
    assert.equal(removed.exitCode, 0, removed.stderr);
    const after = await snapshot();
    assert.equal(await fx.database.db.selectFrom('enricher').select('id').where('id', '=', 'names').executeTakeFirst(), undefined);
    assert.deepEqual(after.enrichers, before.enrichers.filter((e) => e.id !== 'names'));
    assert.deepEqual(after.attachments, before.attachments);
    // The id is free again.
    assert.equal((await run('enricher', 'add', '--id', 'names', '--type', 'ffprobe')).exitCode, 0);
  });

  test('D-1: a refused removal (attached, unconfirmed, unknown) or a dry run changes nothing', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    assert.equal((await run('enricher', 'add', '--id', 'names', '--type', 'filename', '--config', '{}')).exitCode, 0);
    assert.equal((await run('enricher', 'add', '--id', 'spare', '--type', 'filename')).exitCode, 0);
    assert.equal((await run('collection', 'attach-enricher', 'lib/Series', '--enricher', 'names', '--position', '1')).exitCode, 0);
    const before = await snapshot();

    assert.equal((await run('enricher', 'remove', 'names', '--force')).exitCode, 1); // attached
    assert.equal((await run('enricher', 'remove', 'filename', '--force')).exitCode, 1); // attached by discovery
    assert.equal((await run('enricher', 'remove', 'spare')).exitCode, 1); // not confirmed
    assert.equal((await cli(['enricher', 'remove', 'spare'], { database: fx.database, typed: 'no\n' })).exitCode, 1);
    assert.equal((await run('enricher', 'remove', 'ghost', '--force')).exitCode, 1); // unknown
    const dry = await run('enricher', 'remove', 'spare', '--dry-run');
    assert.equal(dry.exitCode, 0, dry.stderr);
    assert.equal(dry.stdout, 'would remove enricher spare\n');

    assert.deepEqual(await snapshot(), before);
  });
});

// Data contract tests for `retrovue enricher update` (contracts/enricher/update.yaml).
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
  const ok = async (...argv: string[]) => {
    const run = await cli(argv, { database: fx.database });
    assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
  };
  const row = (id: string) => fx.database.db.selectFrom('enricher').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const attachments = () =>
    fx.database.db.selectFrom('collection_enricher').selectAll().orderBy('collection_id').orderBy('position').execute();

  test('D-1: the new config is persisted and the enricher stays attached where it was', async () => {
    await addDiscoveredSource(fx.database, 'lib', demo);
    await ok('collection', 'detach-enricher', 'lib/Movies', '--enricher', 'ffprobe');
    await ok('collection', 'attach-enricher', 'lib/Movies', '--enricher', 'ffprobe'); // now second there
    const attachedBefore = await attachments();
    assert.equal(attachedBefore.filter((a) => a.enricher_id === 'ffprobe').length, 6);
    const before = await row('ffprobe');

    await ok('enricher', 'update', 'ffprobe', '--config', '{"timeout_ms":60000}');
    const after = await row('ffprobe');
    assert.deepEqual(after.config, { timeout_ms: 60000 });
    assert.equal(after.type, before.type);
    assert.equal(after.kind, before.kind);
    assert.deepEqual(after.created_at, before.created_at);
    assert.ok(new Date(after.updated_at).getTime() >= new Date(before.updated_at).getTime());
    assert.deepEqual(await attachments(), attachedBefore);

    // Replacing, not merging: an empty config clears the timeout.
    await ok('enricher', 'update', 'ffprobe', '--config', '{}');
    assert.deepEqual((await row('ffprobe')).config, {});
    assert.deepEqual(await attachments(), attachedBefore);
    // The other enricher is untouched.
    assert.deepEqual((await row('filename')).config, {});
  });
});

// Data contract tests for `retrovue asset update` (contracts/asset/update.yaml).
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addDiscoveredSource, copyOfDemoLibrary, demoLibrary, ingest } from '../../support/catalog.js';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: persists the given fields as operator-set, so a re-ingest of the changed file keeps them', async () => {
    const { root: pristine } = await demoLibrary();
    const lib = await copyOfDemoLibrary();
    try {
      await addDiscoveredSource(fx.database, 'lib', lib.root);
      await ingest(fx.database, 'lib/Series');
      const row = (path: string) => fx.database.db.selectFrom('asset').selectAll().where('relative_path', '=', path).executeTakeFirstOrThrow();
      const launch = 'Captain Comet/Season 01/Captain Comet - S01E01 - Launch Day.mp4';
      const maze = 'Captain Comet/Season 01/Captain Comet - S01E02 - The Moon Maze.mp4';
      const before = await row(launch);
      assert.deepEqual([before.title, before.tags, before.approved, before.operator_fields], ['Launch Day', [], false, []]);

      const update = async (args: string[]) => {
        const run = await cli(['asset', 'update', before.id, ...args], { database: fx.database, clock: { now: () => Date.parse('2030-01-02T03:04:05Z') } });
        assert.equal(run.exitCode, 0, run.stderr);
      };
      await update(['--title', '  Pilot  ', '--tags', 'saturday, classic,saturday', '--approved']);
      const updated = await row(launch);
      assert.equal(updated.title, 'Pilot');
      assert.deepEqual(updated.tags, ['saturday', 'classic']);
      assert.equal(updated.approved, true);
      assert.deepEqual(updated.operator_fields, ['approved', 'tags', 'title']);
      assert.equal(updated.updated_at.toISOString(), '2030-01-02T03:04:05.000Z');
      const { updated_at: _u, title: _t, tags: _g, approved: _a, operator_fields: _o, ...untouched } = updated;
      const { updated_at: _u2, title: _t2, tags: _g2, approved: _a2, operator_fields: _o2, ...original } = before;
      assert.deepEqual(untouched, original, 'an operator update touched an ingest field');

      // An empty --tags clears them; the field stays operator-set.
      await update(['--tags', '']);
      assert.deepEqual((await row(launch)).tags, []);
      assert.deepEqual((await row(launch)).operator_fields, ['approved', 'tags', 'title']);

      // The file changes (another episode's bytes): ingest re-probes it but keeps every operator field.
      copyFileSync(join(pristine, 'Series', maze), join(lib.root, 'Series', launch));
      const summary = await ingest(fx.database, 'lib/Series');
      assert.equal(summary['updated'], 1);
      const after = await row(launch);
      assert.equal(after.id, before.id);
      assert.equal(after.duration_ms, (await row(maze)).duration_ms);
      assert.notEqual(after.duration_ms, before.duration_ms);
      assert.deepEqual([after.title, after.tags, after.approved, after.operator_fields], ['Pilot', [], true, ['approved', 'tags', 'title']]);
      // A field the operator never set still follows the file: the season and episode come from its name.
      assert.deepEqual([after.series, after.season, after.episode], ['Captain Comet', 1, 1]);
    } finally {
      lib.cleanup();
    }
  });
});

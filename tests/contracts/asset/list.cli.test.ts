// CLI contract tests for `retrovue asset list` (contracts/asset/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Asset as AssetJson } from '../../../generated/contract-types.js';
import { addDiscoveredSource, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { libraryOf } from '../../support/media-fixtures.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the matching assets ordered by series, season, episode then path, and exits 0', async () => {
    // Folder names put the files in another order than their series, seasons and episodes do.
    const lib = await libraryOf({
      'Shows/z-folder/Alpha - S01E02 - Second.mp4': { demo: 'Bumpers/Test Card.mp4' },
      'Shows/a-folder/Alpha - S01E10 - Tenth.mp4': { demo: 'Bumpers/Test Card.mp4' },
      'Shows/b-folder/Alpha - S02E01 - Next Season.mp4': { demo: 'Bumpers/Test Card.mp4' },
      'Shows/0-first/Beta - S01E01 - Pilot.mov': { demo: 'Bumpers/Up Next.mov' },
      'Shows/0-first/aaa extra.mp4': { demo: 'Bumpers/Station ID - Evening.mp4' },
      'Shows/Broken.mp4': { bytes: '' },
    });
    try {
      await addDiscoveredSource(fx.database, 'lib', lib.root);
      await ingest(fx.database, 'lib/Shows');
      const run = await cli(['asset', 'list', '--json'], { database: fx.database });
      assert.equal(run.exitCode, 0, run.stderr);
      const { assets, total } = json<{ assets: AssetJson[]; total: number }>(run);
      const expected = [
        'z-folder/Alpha - S01E02 - Second.mp4',
        'a-folder/Alpha - S01E10 - Tenth.mp4',
        'b-folder/Alpha - S02E01 - Next Season.mp4',
        '0-first/Beta - S01E01 - Pilot.mov',
        '0-first/aaa extra.mp4',
        'Broken.mp4',
      ];
      assert.deepEqual(assets.map((a) => a.relative_path), expected);
      assert.equal(total, 6);
      assert.deepEqual(assets.map((a) => [a.series, a.season, a.episode]), [
        ['Alpha', 1, 2], ['Alpha', 1, 10], ['Alpha', 2, 1], ['Beta', 1, 1], [null, null, null], [null, null, null],
      ]);

      const text = await cli(['asset', 'list'], { database: fx.database });
      assert.equal(text.exitCode, 0, text.stderr);
      assert.equal(text.stderr, '');
      const lines = text.stdout.trimEnd().split('\n');
      assert.match(lines[0] ?? '', /^STATE\s+DURATION\s+SERIES\s+EP\s+TITLE\s+COLLECTION\s+ID$/);
      assert.deepEqual(lines.slice(1).map((line) => line.split(/\s{2,}/).at(-1)), assets.map((a) => a.id));
      assert.match(lines[1] ?? '', /^ready\s+0:05\s+Alpha\s+S01E02\s+Second\s+lib\/Shows\s/);
      assert.match(lines[6] ?? '', /^invalid\s+-\s+Broken\s+lib\/Shows\s/);

      const none = await cli(['asset', 'list', '--text', 'nothing-like-this'], { database: fx.database });
      assert.equal(none.exitCode, 0);
      assert.equal(none.stdout, 'no matching assets\n');
    } finally {
      lib.cleanup();
    }
  });

  test('B-2: an unknown --collection or a --state outside the allowed states exits 1 naming it', async () => {
    const unknown = await cli(['asset', 'list', '--collection', 'lib/Nowhere'], { database: fx.database });
    assert.equal(unknown.exitCode, 1);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /^retrovue: error: collection "lib\/Nowhere" does not exist; see retrovue collection list/);
    assert.equal(unknown.stderr.trim().split('\n').length, 1);

    const badState = await cli(['asset', 'list', '--state', 'broken'], { database: fx.database });
    assert.equal(badState.exitCode, 1);
    assert.equal(badState.stdout, '');
    assert.match(badState.stderr, /^retrovue: error: .*--state.*must be one of new, ready, invalid, missing \(got "broken"\)$/m);
    assert.equal(badState.stderr.trim().split('\n').length, 1, badState.stderr);

    const asJson = await cli(['asset', 'list', '--collection', 'nope/x', '--json'], { database: fx.database });
    assert.equal(asJson.exitCode, 1);
    assert.equal(asJson.stdout, '');
    assert.equal((JSON.parse(asJson.stderr) as { error: { code: string } }).error.code, 'not_found');
  });
});

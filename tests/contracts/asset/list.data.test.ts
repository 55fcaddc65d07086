// Data contract tests for `retrovue asset list` (contracts/asset/list.yaml).
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Asset as AssetJson } from '../../../generated/contract-types.js';
import { addDiscoveredSource, copyOfDemoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: every filter narrows the result, filters combine with AND, and total counts all matches before --limit', async () => {
    const lib = await copyOfDemoLibrary();
    try {
      await addDiscoveredSource(fx.database, 'lib', lib.root);
      for (const collection of ['Series', 'Movies', 'Bumpers', 'Broken']) await ingest(fx.database, `lib/${collection}`);
      unlinkSync(join(lib.root, 'Bumpers/Up Next.mov'));
      await ingest(fx.database, 'lib/Bumpers'); // one missing asset

      const list = async (args: string[]) => {
        const run = await cli(['asset', 'list', '--json', ...args], { database: fx.database });
        assert.equal(run.exitCode, 0, run.stderr);
        return json<{ assets: AssetJson[]; total: number }>(run);
      };
      const all = await list([]);
      assert.equal(all.total, 18);
      assert.equal(all.assets.length, 18);
      // Each expectation is computed from the unfiltered listing, independently of the query.
      const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
      const hasText = (a: AssetJson, text: string) =>
        words(text).every((w) => [a.title, a.series ?? '', a.relative_path].some((field) => field.toLowerCase().includes(w)));
      const cases: Array<[string[], (a: AssetJson) => boolean, number]> = [
        [['--collection', 'lib/Series'], (a) => a.collection === 'lib/Series', 10],
        [['--series', 'captain COMET'], (a) => a.series === 'Captain Comet', 3],
        [['--series', 'Captain'], () => false, 0], // exact series, not a substring
        [['--state', 'invalid'], (a) => a.state === 'invalid', 3],
        [['--state', 'missing'], (a) => a.relative_path === 'Up Next.mov', 1],
        [['--text', 'comet'], (a) => hasText(a, 'comet'), 3],
        [['--text', 'MOON maze'], (a) => hasText(a, 'moon maze'), 1],
        [['--text', 'season 02'], (a) => hasText(a, 'season 02'), 5], // each word anywhere: "Season 02/…" or "Season 01/…E02…"
        [['--text', 'night'], (a) => hasText(a, 'night'), 2], // the title of a movie and of an episode
        [['--text', '1987'], (a) => hasText(a, '1987'), 1],
        [['--text', '%'], () => false, 0], // LIKE wildcards are plain characters
        [['--text', 'S01E0_'], () => false, 0],
        [['--collection', 'lib/Series', '--state', 'ready', '--series', 'kitchen capers', '--text', 'season 02'],
          (a) => a.series === 'Kitchen Capers' && hasText(a, 'season 02'), 3],
        [['--collection', 'lib/Series', '--text', 'night'], (a) => a.collection === 'lib/Series' && hasText(a, 'night'), 1],
        [['--collection', 'lib/Broken', '--state', 'ready'], () => false, 0],
        [['--collection', 'lib/Bumpers', '--state', 'ready'], (a) => a.collection === 'lib/Bumpers' && a.state === 'ready', 2],
      ];
      for (const [args, expected, count] of cases) {
        const result = await list(args);
        const want = all.assets.filter(expected).map((a) => a.id);
        assert.equal(want.length, count, `fixture expectation for ${args.join(' ')}`);
        assert.deepEqual(result.assets.map((a) => a.id), want, args.join(' '));
        assert.equal(result.total, count, args.join(' '));
      }

      // --limit cuts the listing, never the count, and keeps the order.
      const limited = await list(['--collection', 'lib/Series', '--limit', '4']);
      assert.equal(limited.total, 10);
      assert.deepEqual(limited.assets.map((a) => a.id), all.assets.filter((a) => a.collection === 'lib/Series').slice(0, 4).map((a) => a.id));
      const text = await cli(['asset', 'list', '--collection', 'lib/Series', '--limit', '4'], { database: fx.database });
      assert.match(text.stdout, /\(6 more; raise --limit\)\n$/);
    } finally {
      lib.cleanup();
    }
  });
});

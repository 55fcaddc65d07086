// CLI contract tests for `retrovue program list` (contracts/program/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints every program with its chain and exits 0', async () => {
    await addScheduledChannel(fx.database);
    const doc = await ok<{ programs: Array<{ name: string; asset_chain: Array<{ name: string }> }> }>(fx.database, ['program', 'list']);
    assert.deepEqual(doc.programs.map((p) => `${p.name}: ${p.asset_chain.map((l) => l.name).join(',')}`), ['Captain Comet: Captain Comet', 'Movies: lib/Movies']);
    const text = await cli(['program', 'list'], { database: fx.database });
    assert.match(text.stdout, /program "Movies" \(movie, shuffle\)\n  1\. collection "lib\/Movies"/);
  });

  test('B-2: with no programs prints an empty list and says how to add one', async () => {
    assert.deepEqual((await ok<{ programs: unknown[] }>(fx.database, ['program', 'list'])).programs, []);
    assert.match((await cli(['program', 'list'], { database: fx.database })).stdout, /no programs yet; add one with retrovue program add/);
  });
});

// CLI contract tests for `retrovue program show` (contracts/program/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the program with its chain links by name, exit 0', async () => {
    await addScheduledChannel(fx.database);
    const run = await cli(['program', 'show', 'Captain Comet'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /program "Captain Comet" \(series, sequential\)\n  1\. series "Captain Comet"/);
  });

  test('B-2: an unknown program exits 1 naming it', async () => {
    refusedInOneLine(await cli(['program', 'show', 'Ghost'], { database: fx.database }), /program "Ghost" does not exist/);
  });
});

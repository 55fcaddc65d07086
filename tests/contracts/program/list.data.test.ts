// Data contract tests for `retrovue program list` (contracts/program/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: programs are ordered by name', async () => {
    await seedLibrary(fx.database);
    for (const name of ['Zeta', 'Alpha', 'Mu']) await ok(fx.database, ['program', 'add', '--name', name, '--kind', 'movie', '--link', 'collection:lib/Movies']);
    assert.deepEqual((await ok<{ programs: Array<{ name: string }> }>(fx.database, ['program', 'list'])).programs.map((p) => p.name), ['Alpha', 'Mu', 'Zeta']);
  });
});

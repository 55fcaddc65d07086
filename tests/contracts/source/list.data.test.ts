// Data contract tests for `retrovue source list` (contracts/source/list.yaml).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDiscoveredSource } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { makeTree, type TempTree } from '../../support/directory-tree.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Listed {
  sources: Array<{ id: string; name: string; collections: number }>;
}

let tree: TempTree;
before(() => {
  tree = makeTree({ Shows: {}, Movies: {}, Bumpers: {} });
});
after(() => tree.cleanup());

forEachDatabase((fx) => {
  const db = () => fx.database.db;
  const listed = async () => {
    const run = await cli(['source', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    return json<Listed>(run).sources.map((s) => [s.name, s.collections]);
  };
  const persisted = async () => {
    const rows = await db()
      .selectFrom('source')
      .leftJoin('collection', 'collection.source_id', 'source.id')
      .select(['source.name', (eb) => eb.fn.count<number>('collection.id').as('n')])
      .groupBy('source.name')
      .orderBy('source.name')
      .execute();
    return rows.map((r) => [r.name, Number(r.n)]);
  };

  test('D-1: each source carries the number of its persisted collections', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    const bare = await cli(['source', 'add', '--type', 'filesystem', '--name', 'bare', '--base-path', tree.root], { database: fx.database });
    assert.equal(bare.exitCode, 0, bare.stderr);
    assert.deepEqual(await listed(), [
      ['bare', 0],
      ['lib', 4], // the base itself, Bumpers, Movies, Shows
    ]);
    assert.deepEqual(await listed(), await persisted());
  });

  test('D-1: the count follows the persisted rows, not the directory on disk', async () => {
    await addDiscoveredSource(fx.database, 'lib', tree.root);
    await addDiscoveredSource(fx.database, 'other', tree.root);
    const lib = await db().selectFrom('source').select('id').where('name', '=', 'lib').executeTakeFirstOrThrow();
    await db().deleteFrom('collection').where('source_id', '=', lib.id).where('name', 'in', ['Shows', 'Movies']).execute();
    assert.deepEqual(await listed(), [
      ['lib', 2],
      ['other', 4],
    ]);
    assert.deepEqual(await listed(), await persisted());
  });
});

// CLI contract tests for `retrovue asset update` (contracts/asset/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Asset as AssetJson } from '../../../generated/contract-types.js';
import { addDiscoveredSource, demoLibrary, ingest } from '../../support/catalog.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const oneAsset = async () => {
    const { root } = await demoLibrary();
    await addDiscoveredSource(fx.database, 'lib', root);
    await ingest(fx.database, 'lib/Bumpers');
    return fx.database.db.selectFrom('asset').selectAll().where('relative_path', '=', 'Up Next.mov').executeTakeFirstOrThrow();
  };

  test('B-1: prints the asset and the changed fields, and exits 0', async () => {
    const before = await oneAsset();
    const run = await cli(['asset', 'update', before.id, '--title', 'Coming Up', '--tags', 'saturday,classic', '--approved', '--json'], {
      database: fx.database,
    });
    assert.equal(run.exitCode, 0, run.stderr);
    const { asset, changed } = json<{ asset: AssetJson; changed: string[] }>(run);
    assert.deepEqual(changed, ['title', 'tags', 'approved']);
    assert.equal(asset.id, before.id);
    assert.equal(asset.title, 'Coming Up');
    assert.deepEqual(asset.tags, ['saturday', 'classic']);
    assert.equal(asset.approved, true);
    assert.equal(asset.duration_ms, 4000);

    const text = await cli(['asset', 'update', before.id, '--no-approved'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /^updated approved\nComing Up {2}\[ready\]\n/);
    assert.match(text.stdout, /^ {2}tags {6}saturday, classic {2}approved no$/m);

    // Giving a field its current value changes nothing, and says so.
    const same = await cli(['asset', 'update', before.id, '--title', 'Coming Up', '--json'], { database: fx.database });
    assert.equal(same.exitCode, 0, same.stderr);
    assert.deepEqual(json<{ changed: string[] }>(same).changed, []);
    const sameText = await cli(['asset', 'update', before.id, '--tags', 'saturday,classic'], { database: fx.database });
    assert.match(sameText.stdout, /^asset unchanged\n/);
  });

  test('B-2: an unknown asset or an empty title exits 1 with a one-line message', async () => {
    const before = await oneAsset();
    const unknownId = '0b6f3c1e-1111-4c4c-9999-123456789abc';
    const unknown = await cli(['asset', 'update', unknownId, '--title', 'X'], { database: fx.database });
    assert.equal(unknown.exitCode, 1);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, `retrovue: error: asset "${unknownId}" does not exist; see retrovue asset list\n`);
    const malformed = await cli(['asset', 'update', 'pilot', '--title', 'X'], { database: fx.database });
    assert.equal(malformed.exitCode, 1);
    assert.equal(malformed.stderr, 'retrovue: error: asset "pilot" does not exist; see retrovue asset list\n');
    for (const title of ['', '   ']) {
      const empty = await cli(['asset', 'update', before.id, '--title', title, '--tags', 'x'], { database: fx.database });
      assert.equal(empty.exitCode, 1, JSON.stringify(title));
      assert.equal(empty.stdout, '');
      assert.equal(empty.stderr, 'retrovue: error: title must not be empty\n');
    }
    // Nothing of a refused update is kept, not even its valid parts.
    assert.deepEqual(await fx.database.db.selectFrom('asset').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow(), before);
  });

  test('B-3: --dry-run reports the asset as it would become and persists nothing', async () => {
    const before = await oneAsset();
    const run = await cli(['asset', 'update', before.id, '--title', 'Maybe', '--tags', 'later', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<{ asset: AssetJson; changed: string[]; dry_run: boolean }>(run);
    assert.equal(doc.dry_run, true);
    assert.deepEqual(doc.changed, ['title', 'tags']);
    assert.equal(doc.asset.title, 'Maybe');
    assert.deepEqual(doc.asset.tags, ['later']);
    const text = await cli(['asset', 'update', before.id, '--approved', '--dry-run'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /^would update approved\n/);
    assert.match(text.stdout, /approved yes$/m);
    assert.equal(text.stderr, 'dry run: nothing was changed\n');
    assert.deepEqual(await fx.database.db.selectFrom('asset').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow(), before);
  });
});

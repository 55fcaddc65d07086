// CLI contract tests for `retrovue synthetic-asset add` (contracts/synthetic-asset/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { ok, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints the synthetic asset, exit 0', async () => {
    const doc = await ok<{ synthetic_asset: { name: string; kind: string; duration_ms: number; text: string } }>(fx.database, ['synthetic-asset', 'add', '--name', 'ident', '--kind', 'station-id', '--seconds', '7.5', '--text', 'Retro One']);
    assert.deepEqual([doc.synthetic_asset.name, doc.synthetic_asset.kind, doc.synthetic_asset.duration_ms, doc.synthetic_asset.text], ['ident', 'station-id', 7500, 'Retro One']);
    assert.equal((await cli(['synthetic-asset', 'add', '--name', 'bars', '--kind', 'color-bars', '--seconds', '60'], { database: fx.database })).stdout, 'added synthetic asset "bars": color-bars, 60 s\n');
    assert.equal((await cli(['synthetic-asset', 'add', '--name', 'card', '--kind', 'test-card', '--seconds', '2.5', '--text', 'Retro Two'], { database: fx.database })).stdout, 'added synthetic asset "card": test-card, 2.5 s, "Retro Two"\n');
  });

  test('B-2: an unknown kind, an out-of-range duration or a duplicate name is refused in one line, nothing written', async () => {
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'taken', '--kind', 'slate', '--seconds', '1']);
    const before = await fx.database.db.selectFrom('synthetic_asset').selectAll().execute();
    refusedInOneLine(await cli(['synthetic-asset', 'add', '--name', 's', '--kind', 'snow', '--seconds', '1'], { database: fx.database }), /--kind: must be one of slate, color-bars, test-card, station-id/);
    refusedInOneLine(await cli(['synthetic-asset', 'add', '--name', 's', '--kind', 'slate', '--seconds', '0'], { database: fx.database }), /--seconds/);
    refusedInOneLine(await cli(['synthetic-asset', 'add', '--name', 's', '--kind', 'slate', '--seconds', '50000'], { database: fx.database }), /--seconds/);
    refusedInOneLine(await cli(['synthetic-asset', 'add', '--name', 'taken', '--kind', 'slate', '--seconds', '2'], { database: fx.database }), /synthetic asset "taken" already exists/);
    assert.deepEqual(await fx.database.db.selectFrom('synthetic_asset').selectAll().execute(), before);
  });

  test('B-3: a --name with a newline, tab or escape sequence is refused in one line naming --name; nothing written', async () => {
    await Promise.resolve();
    const before = await fx.database.db.selectFrom('synthetic_asset').selectAll().execute();
    for (const name of ['Evil\nRow', 'Tab\there', 'Red\u001b[31m']) {
      refusedInOneLine(await cli(['synthetic-asset', 'add', '--name', name, '--kind', 'slate', '--seconds', '1'], { database: fx.database }), /--name must not contain control characters/);
    }
    assert.deepEqual(await fx.database.db.selectFrom('synthetic_asset').selectAll().execute(), before);
  });
});

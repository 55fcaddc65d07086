// CLI contract tests for `retrovue program add` (contracts/program/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const programs = () => fx.database.db.selectFrom('program').selectAll().execute();

  test('B-1: prints the program with its chain by name, exit 0', async () => {
    const catalog = await seedLibrary(fx.database);
    await ok(fx.database, ['synthetic-asset', 'add', '--name', 'ident', '--kind', 'station-id', '--seconds', '10']);
    const doc = await ok<{ program: { name: string; kind: string; play_mode: string; allow_breaks: boolean; categories: string[]; asset_chain: Array<{ kind: string; name: string; season: number | null }> } }>(fx.database, [
      'program', 'add', '--name', 'Block', '--kind', 'block', '--play-mode', 'shuffle', '--allow-breaks', '--categories', 'Comedy,Kids',
      '--link', 'series:Captain Comet:1', '--link', 'collection:lib/Movies', '--link', `asset:${catalog.assets['bumper-a']}`, '--link', 'synthetic:ident',
    ]);
    assert.equal(doc.program.kind, 'block');
    assert.equal(doc.program.play_mode, 'shuffle');
    assert.equal(doc.program.allow_breaks, true);
    assert.deepEqual(doc.program.categories, ['Comedy', 'Kids']);
    assert.deepEqual(doc.program.asset_chain.map((l) => `${l.kind}:${l.name}:${l.season}`), ['series:Captain Comet:1', 'collection:lib/Movies:null', 'asset:bumper-a:null', 'synthetic:ident:null']);
    const text = await cli(['program', 'add', '--name', 'Comet', '--kind', 'series', '--link', 'series:Captain Comet'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /added program "Comet" \(series, sequential\)\n  1\. series "Captain Comet"/);
  });

  test('B-2: unknown or malformed links are refused in one line naming the link, nothing written', async () => {
    await seedLibrary(fx.database);
    const cases: Array<[string, RegExp]> = [
      ['asset:00000000-0000-4000-8000-000000000000', /--link asset:00000000-0000-4000-8000-000000000000: asset .* does not exist/],
      ['asset:bumper-a', /--link asset:bumper-a: asset bumper-a does not exist; see retrovue asset list \(assets are named by id\)/],
      ['collection:lib/Nope', /--link collection:lib\/Nope: collection "lib\/Nope" does not exist/],
      ['series:Nobody', /--link series:Nobody: no asset of series "Nobody"/],
      ['program:Ghost', /--link program:Ghost: program "Ghost" does not exist/],
      ['virtual:ghost', /--link virtual:ghost: virtual asset "ghost" does not exist/],
      ['synthetic:ghost', /--link synthetic:ghost: synthetic asset "ghost" does not exist/],
      ['movies', /--link must be <kind>:<name> with kind one of program, asset, virtual, synthetic, collection, series/],
    ];
    for (const [link, message] of cases) {
      refusedInOneLine(await cli(['program', 'add', '--name', 'P', '--kind', 'block', '--link', link], { database: fx.database }), message);
    }
    refusedInOneLine(await cli(['program', 'add', '--name', 'P', '--kind', 'sitcom'], { database: fx.database }), /--kind: must be one of series, movie, block, composite/);
    assert.deepEqual(await programs(), []);
  });

  test('B-3: --dry-run reports the program and persists nothing', async () => {
    await seedLibrary(fx.database);
    const run = await cli(['program', 'add', '--name', 'P', '--kind', 'movie', '--link', 'collection:lib/Movies', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(json<{ program: { name: string } }>(run).program.name, 'P');
    assert.deepEqual(await programs(), []);
    const human = await cli(['program', 'add', '--name', 'P', '--kind', 'movie', '--link', 'collection:lib/Movies', '--dry-run'], { database: fx.database });
    assert.equal(human.exitCode, 0, human.stderr);
    assert.equal(human.stdout, 'would add program "P" (movie, sequential)\n  1. collection "lib/Movies"\n');
    assert.deepEqual(await programs(), []);
  });

  test('B-4: a --name with a newline, tab or escape sequence is refused in one line naming --name; nothing written', async () => {
    await seedLibrary(fx.database);
    const before = await fx.database.db.selectFrom('program').selectAll().execute();
    for (const name of ['Evil\nRow', 'Tab\there', 'Red\u001b[31m']) {
      refusedInOneLine(await cli(['program', 'add', '--name', name, '--kind', 'series'], { database: fx.database }), /--name must not contain control characters/);
    }
    assert.deepEqual(await fx.database.db.selectFrom('program').selectAll().execute(), before);
  });
});

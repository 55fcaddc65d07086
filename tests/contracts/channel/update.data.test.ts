// Data contract tests for `retrovue channel update` (contracts/channel/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { makeLogoFiles } from '../../support/logo-files.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-logo-data-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const logos = makeLogoFiles(scratch);

forEachDatabase((fx) => {
  const row = (id: string) => fx.database.db.selectFrom('channel').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('D-1: only the given fields change; the id and every other field keep their values', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--grid-block-minutes', '60', '--block-start-offsets-minutes', '0,30']);
    const before = await row('retro1');
    const run = await cli(['channel', 'update', 'retro1', '--timezone', 'Asia/Tokyo', '--no-enabled'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const after = await row('retro1');
    assert.equal(after.timezone, 'Asia/Tokyo');
    assert.equal(after.enabled, false);
    const { timezone: _t1, enabled: _e1, updated_at: _u1, ...restBefore } = before;
    const { timezone: _t2, enabled: _e2, updated_at: _u2, ...restAfter } = after;
    assert.deepEqual(restAfter, restBefore);
  });

  test('D-2: offsets are re-checked against the resulting block whether either or both change', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--grid-block-minutes', '60', '--block-start-offsets-minutes', '0,30']);
    const offsetsOnly = await cli(['channel', 'update', 'retro1', '--block-start-offsets-minutes', '0,75'], { database: fx.database });
    assert.equal(offsetsOnly.exitCode, 1);
    const both = await cli(['channel', 'update', 'retro1', '--grid-block-minutes', '120', '--block-start-offsets-minutes', '0,75'], {
      database: fx.database,
    });
    assert.equal(both.exitCode, 0, both.stderr);
    const updated = await row('retro1');
    assert.equal(updated.grid_block_minutes, 120);
    assert.deepEqual(updated.block_start_offsets_minutes, [0, 75]);
    const blockOnly = await cli(['channel', 'update', 'retro1', '--grid-block-minutes', '60'], { database: fx.database });
    assert.equal(blockOnly.exitCode, 1);
    assert.equal((await row('retro1')).grid_block_minutes, 120);
  });

  test('D-3: a number used by another channel is refused and both channels stay unchanged', async () => {
    await addChannel(fx.database, 'a', '3');
    await addChannel(fx.database, 'b', '4');
    const [a, b] = [await row('a'), await row('b')];
    const run = await cli(['channel', 'update', 'b', '--number', '03', '--name', 'B renamed'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /channel number 3 is already used by channel "a"/);
    assert.deepEqual([await row('a'), await row('b')], [a, b]);
  });

  test('D-4: the producer and the playout enricher chain are persisted exactly as given; a refused update changes neither', async () => {
    await addChannel(fx.database, 'retro1', '3');
    for (const argv of [['producer', 'add', '--id', 'bars', '--type', 'test-pattern'], ['enricher', 'add', '--id', 'tape', '--type', 'vhs'], ['enricher', 'add', '--id', 'logo', '--type', 'bug', '--config', '{"image":"/srv/logo.png"}']]) {
      assert.equal((await cli(argv, { database: fx.database })).exitCode, 0);
    }
    const chain = async () => (await fx.database.db.selectFrom('channel_enricher').select(['enricher_id', 'position']).where('channel_id', '=', 'retro1').orderBy('position').execute()).map((r) => r.enricher_id);
    assert.equal((await cli(['channel', 'update', 'retro1', '--producer', 'bars', '--enrichers', 'logo,tape'], { database: fx.database })).exitCode, 0);
    assert.equal((await row('retro1')).producer_id, 'bars');
    assert.deepEqual(await chain(), ['logo', 'tape']);
    assert.equal((await cli(['channel', 'update', 'retro1', '--enrichers', 'tape,logo'], { database: fx.database })).exitCode, 0);
    assert.deepEqual(await chain(), ['tape', 'logo']);
    const refused = await cli(['channel', 'update', 'retro1', '--producer', 'default', '--enrichers', 'tape,ffprobe'], { database: fx.database });
    assert.equal(refused.exitCode, 1);
    assert.equal((await row('retro1')).producer_id, 'bars');
    assert.deepEqual(await chain(), ['tape', 'logo']);
    assert.equal((await cli(['channel', 'update', 'retro1', '--producer', 'default', '--enrichers', ''], { database: fx.database })).exitCode, 0);
    assert.equal((await row('retro1')).producer_id, null);
    assert.deepEqual(await chain(), []);
  });

  test('D-5: the logo is stored in the database byte for byte, typed by its magic bytes, with its SHA-256, and goes with its channel', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const logoRow = () => fx.database.db.selectFrom('channel_logo').selectAll().where('channel_id', '=', 'retro1').executeTakeFirst();
    for (const [file, type] of [[logos.png, 'image/png'], [logos.svg, 'image/svg+xml']] as const) {
      assert.equal((await cli(['channel', 'update', 'retro1', '--logo', file], { database: fx.database })).exitCode, 0);
      const stored = await logoRow();
      const bytes = readFileSync(file);
      assert.ok(stored && Buffer.from(stored.bytes).equals(bytes));
      assert.equal(stored?.content_type, type, `${file} is ${type} by its first bytes, whatever its name`);
      assert.equal(stored?.sha256, createHash('sha256').update(bytes).digest('hex'));
    }
    assert.equal((await cli(['channel', 'remove', 'retro1', '--force'], { database: fx.database })).exitCode, 0);
    assert.equal(await logoRow(), undefined);
  });

  test('D-20: only the presentation fields given change, each reported; empty lists clear, off stores null; a refused update changes none', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--audio-languages', 'eng,spa', '--subtitles', 'forced', '--subtitle-languages', 'eng', '--loudness-target', '-20']);
    const presentation = async () => {
      const r = await fx.database.db.selectFrom('channel').selectAll().where('id', '=', 'retro1').executeTakeFirstOrThrow();
      return [r.audio_languages, r.subtitle_mode, r.subtitle_languages, r.loudness_target_lufs === null ? null : Number(r.loudness_target_lufs)];
    };
    const update = async (...options: string[]) => {
      const run = await cli(['channel', 'update', 'retro1', ...options, '--json'], { database: fx.database });
      return { run, changed: run.exitCode === 0 ? (JSON.parse(run.stdout) as { changed: string[] }).changed : [] };
    };
    let step = await update('--audio-languages', 'es,en');
    assert.deepEqual(step.changed, ['audio_languages'], 'a reordering is a change');
    assert.deepEqual(await presentation(), [['spa', 'eng'], 'forced', ['eng'], -20]);
    step = await update('--audio-languages', 'spa,eng', '--loudness-target', '-20');
    assert.deepEqual(step.changed, [], 'the same values in other spellings change nothing');
    step = await update('--subtitles', 'always', '--subtitle-languages', 'fr,de');
    assert.deepEqual(step.changed, ['subtitles']);
    assert.deepEqual(await presentation(), [['spa', 'eng'], 'always', ['fre', 'ger'], -20]);
    step = await update('--audio-languages', '', '--subtitle-languages', '', '--loudness-target', 'off');
    assert.deepEqual(step.changed.sort(), ['audio_languages', 'loudness_target_lufs', 'subtitles']);
    assert.deepEqual(await presentation(), [[], 'always', [], null]);
    const refused = await update('--audio-languages', 'eng', '--loudness-target', '-99');
    assert.equal(refused.run.exitCode, 1);
    assert.deepEqual(await presentation(), [[], 'always', [], null], 'a refused update changes none of the fields');
    step = await update('--loudness-target', '-24');
    assert.deepEqual([step.changed, (await presentation())[3]], [['loudness_target_lufs'], -24]);
  });
});

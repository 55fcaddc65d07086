// Data contract tests for `retrovue channel add` (contracts/channel/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  const rows = () => fx.database.db.selectFrom('channel').selectAll().orderBy('id').execute();

  test('D-1: persists every grid field with defaults applied', async () => {
    const run = await cli(['channel', 'add', '--id', 'retro1', '--name', 'Retro One', '--number', '3', '--timezone', 'Europe/London'], {
      database: fx.database,
    });
    assert.equal(run.exitCode, 0, run.stderr);
    const [row, ...rest] = await rows();
    assert.equal(rest.length, 0);
    assert.ok(row);
    assert.equal(row.id, 'retro1');
    assert.equal(row.name, 'Retro One');
    assert.equal(row.number, '3');
    assert.equal(row.grid_block_minutes, 30);
    assert.deepEqual(row.block_start_offsets_minutes, [0]);
    assert.equal(row.programming_day_start, '06:00');
    assert.equal(row.timezone, 'Europe/London');
    assert.equal(row.enabled, true);
  });

  test('D-1: persists explicit grid fields as given', async () => {
    const run = await cli(
      ['channel', 'add', '--id', 'hourly', '--name', 'Hourly', '--number', '12', '--grid-block-minutes', '60',
        '--block-start-offsets-minutes', '30,0,15', '--programming-day-start', '05:30', '--timezone', 'UTC', '--no-enabled'],
      { database: fx.database },
    );
    assert.equal(run.exitCode, 0, run.stderr);
    const [row] = await rows();
    assert.equal(row?.grid_block_minutes, 60);
    assert.deepEqual(row?.block_start_offsets_minutes, [0, 15, 30]);
    assert.equal(row?.programming_day_start, '05:30');
    assert.equal(row?.enabled, false);
  });

  test('D-2: a duplicate id or number leaves the existing channel unchanged and writes nothing', async () => {
    assert.equal((await cli(['channel', 'add', '--id', 'retro1', '--name', 'Retro One', '--number', '3'], { database: fx.database })).exitCode, 0);
    const before = await rows();
    const sameId = await cli(['channel', 'add', '--id', 'retro1', '--name', 'Impostor', '--number', '4'], { database: fx.database });
    assert.equal(sameId.exitCode, 1);
    assert.match(sameId.stderr, /channel "retro1" already exists/);
    const sameNumber = await cli(['channel', 'add', '--id', 'retro2', '--name', 'Other', '--number', '3'], { database: fx.database });
    assert.equal(sameNumber.exitCode, 1);
    assert.match(sameNumber.stderr, /channel number 3 is already used by channel "retro1"/);
    assert.deepEqual(await rows(), before);
  });

  test('D-3: offsets outside [0, block), an empty list or a repeated offset are refused and nothing is written', async () => {
    const cases: Array<[string, RegExp]> = [
      ['30', /must each lie in \[0, 30\) for a 30-minute block; got 30/],
      ['0,45', /got 45/],
      ['0,15,15', /must not repeat an offset/],
    ];
    for (const [offsets, message] of cases) {
      const run = await cli(['channel', 'add', '--id', 'c', '--name', 'C', '--number', '1', '--block-start-offsets-minutes', offsets], {
        database: fx.database,
      });
      assert.equal(run.exitCode, 1, offsets);
      assert.match(run.stderr, message);
    }
    const negative = await cli(['channel', 'add', '--id', 'c', '--name', 'C', '--number', '1', '--block-start-offsets-minutes=-5'], {
      database: fx.database,
    });
    assert.equal(negative.exitCode, 1);
    assert.match(negative.stderr, /got -5/);
    assert.deepEqual(await rows(), []);
  });

  test('D-4: stores the number in canonical form so 07 and 7 collide', async () => {
    assert.equal((await cli(['channel', 'add', '--id', 'a', '--name', 'A', '--number', '07'], { database: fx.database })).exitCode, 0);
    assert.equal((await cli(['channel', 'add', '--id', 'b', '--name', 'B', '--number', '004.01'], { database: fx.database })).exitCode, 0);
    assert.deepEqual((await rows()).map((r) => r.number), ['7', '4.1']);
    const clash = await cli(['channel', 'add', '--id', 'c', '--name', 'C', '--number', '7'], { database: fx.database });
    assert.equal(clash.exitCode, 1);
    assert.match(clash.stderr, /channel number 7 is already used by channel "a"/);
  });

  test('D-5: stores a number digit for digit, beyond 2^53 and 32 digits long, and lists in exact dial order', async () => {
    const big = '12345678901234567891';
    const nines = '9'.repeat(32);
    for (const [id, number] of [['big', `00${big}`], ['nines', nines], ['bigger', '12345678901234567892'], ['small', '7']]) {
      const run = await cli(['channel', 'add', '--id', id as string, '--name', id as string, '--number', number as string, '--timezone', 'UTC'], {
        database: fx.database,
      });
      assert.equal(run.exitCode, 0, run.stderr);
    }
    const stored = Object.fromEntries((await rows()).map((r) => [r.id, r.number]));
    assert.deepEqual(stored, { big, bigger: '12345678901234567892', nines, small: '7' });
    const clash = await cli(['channel', 'add', '--id', 'clash', '--name', 'Clash', '--number', big], { database: fx.database });
    assert.equal(clash.exitCode, 1);
    assert.match(clash.stderr, /channel number 12345678901234567891 is already used by channel "big"/);
    const listed = await cli(['channel', 'list', '--json'], { database: fx.database });
    assert.equal(listed.exitCode, 0, listed.stderr);
    const { channels } = JSON.parse(listed.stdout) as { channels: Array<{ id: string; number: string }> };
    assert.deepEqual(channels.map((c) => c.id), ['small', 'big', 'bigger', 'nines']);
    assert.equal(channels.find((c) => c.id === 'nines')?.number, nines);
  });

  test('D-6: a time zone is stored in its canonical spelling', async () => {
    for (const [id, zone] of [['a', 'utc'], ['b', 'europe/london'], ['c', 'AMERICA/NEW_YORK']]) {
      const run = await cli(['channel', 'add', '--id', id as string, '--name', id as string, '--number', String(id?.charCodeAt(0)), '--timezone', zone as string], {
        database: fx.database,
      });
      assert.equal(run.exitCode, 0, run.stderr);
    }
    assert.deepEqual(
      (await rows()).map((r) => [r.id, r.timezone]),
      [['a', 'UTC'], ['b', 'Europe/London'], ['c', 'America/New_York']],
    );
  });

  test('D-20: the presentation is stored in ISO 639-2/B in the order given, with defaults (no preference, subtitles off, -24 LUFS), and shown in the channel JSON', async () => {
    const plain = await cli(['channel', 'add', '--id', 'plain', '--name', 'Plain', '--number', '1', '--json'], { database: fx.database });
    assert.equal(plain.exitCode, 0, plain.stderr);
    const given = await cli(['channel', 'add', '--id', 'anime', '--name', 'Anime', '--number', '2', '--audio-languages', 'JA,eng,deu',
      '--subtitles', 'when-audio-differs', '--subtitle-languages', 'en,fr', '--loudness-target', '-23', '--json'], { database: fx.database });
    assert.equal(given.exitCode, 0, given.stderr);
    const off = await cli(['channel', 'add', '--id', 'raw', '--name', 'Raw', '--number', '3', '--loudness-target', 'off'], { database: fx.database });
    assert.equal(off.exitCode, 0, off.stderr);
    const byId = Object.fromEntries((await rows()).map((r) => [r.id, r]));
    const stored = (id: string) => {
      const r = byId[id];
      assert.ok(r);
      return [r.audio_languages, r.subtitle_mode, r.subtitle_languages, r.loudness_target_lufs === null ? null : Number(r.loudness_target_lufs)];
    };
    assert.deepEqual(stored('plain'), [[], 'off', [], -24]);
    assert.deepEqual(stored('anime'), [['jpn', 'eng', 'ger'], 'when-audio-differs', ['eng', 'fre'], -23]);
    assert.deepEqual(stored('raw'), [[], 'off', [], null]);
    const shown = JSON.parse(given.stdout) as { channel: Record<string, unknown> };
    assert.deepEqual([shown.channel['audio_languages'], shown.channel['subtitles'], shown.channel['loudness_target_lufs']],
      [['jpn', 'eng', 'ger'], { mode: 'when-audio-differs', languages: ['eng', 'fre'] }, -23]);
    const raw = await cli(['channel', 'show', 'raw', '--json'], { database: fx.database });
    assert.equal((JSON.parse(raw.stdout) as { channel: Record<string, unknown> }).channel['loudness_target_lufs'], null);
  });
});

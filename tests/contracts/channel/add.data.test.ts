// Data contract tests for `retrovue channel add` (contracts/channel/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { ingestedLibrary, programmingRows } from '../../support/channel-from.js';
import { friday, ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';

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

  // A 1-minute grid: the library's 20-second episodes and minute-long movies air one after another.
  const oneCommand = (id: string, number: string, ...extra: string[]) =>
    ['channel', 'add', '--id', id, '--name', id, '--number', number, '--timezone', 'UTC', '--grid-block-minutes', '1', ...extra];
  const slots = (channel: string) =>
    fx.database.db.selectFrom('schedule_slot').innerJoin('asset', 'asset.id', 'schedule_slot.asset_id')
      .select([sql<string>`schedule_slot.programming_day::text`.as('programming_day'), 'schedule_slot.episode', 'asset.relative_path as path', 'schedule_slot.content_kind'])
      .where('schedule_slot.channel_id', '=', channel).orderBy('schedule_slot.start_ms').execute();

  test('D-30: a refusal of any part (here the last interstitial) leaves no channel, program, plan, zone, assignment, day or playlog', async () => {
    await seedLibrary(fx.database);
    const before = await programmingRows(fx.database);
    const run = await cli(oneCommand('comet', '5', '--from', 'series:Captain Comet', '--interstitials', 'bumper:lib/Bumpers,lib/Nowhere', '--build'), { database: fx.database, clock: friday });
    refusedInOneLine(run, /--interstitials lib\/Nowhere: collection "lib\/Nowhere" does not exist/);
    assert.deepEqual(await programmingRows(fx.database), before);
    assert.deepEqual(before['channel'], []);
  });

  test('D-31: the zone covers the whole programming day from its start, every weekday; the plan applies every day at priority 0', async () => {
    await seedLibrary(fx.database);
    await ok(fx.database, ['channel', 'add', '--id', 'late', '--name', 'Late', '--number', '5', '--programming-day-start', '05:30', '--from', 'series:Captain Comet']);
    const plan = await fx.database.db.selectFrom('schedule_plan').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([plan.channel_id, plan.name, plan.days_of_week, plan.start_date, plan.end_date, plan.priority], ['late', 'everyday', null, null, null, 0]);
    const zones = await fx.database.db.selectFrom('zone').selectAll().execute();
    assert.deepEqual(zones.map((z) => [z.plan_id, z.name, z.start_minute, z.end_minute, z.days_of_week]), [[plan.id, 'all-day', 0, 1440, null]]);
    const shown = await ok<{ zones: { start: string; end: string }[] }>(fx.database, ['zone', 'list', '--channel', 'late']);
    assert.deepEqual(shown.zones.map((z) => `${z.start}–${z.end}`), ['05:30–05:30']);
  });

  test('D-32, D-33: real media, one command each: a series airs in episode order across days, a movie collection shuffles per cycle, avails hold the interstitials', async () => {
    const library = await ingestedLibrary(fx.database);
    try {
      const comet = await ok<{ built: { schedule_through: string; error: null } }>(fx.database, oneCommand('comet', '5', '--from', 'series:Captain Comet', '--interstitials', 'bumper:lib/Bumpers,lib/Commercials', '--build'));
      assert.equal(comet.built.schedule_through, '2025-03-10');
      const episodes = await slots('comet');
      assert.deepEqual([...new Set(episodes.map((s) => s.programming_day))], ['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10']);
      assert.ok(episodes.length > 4 * 1000, `${episodes.length} slots`);
      episodes.forEach((slot, i) => assert.equal(slot.episode, (i % 5) + 1, `slot ${i} of ${slot.programming_day}: ${slot.path}`));
      const guide = await ok<{ programmes: { title: string }[] }>(fx.database, ['epg', 'show', '--channel', 'comet', '--from', '2025-03-07T06:00:00Z', '--hours', '1']);
      assert.ok(guide.programmes.length > 0 && guide.programmes.every((p) => p.title.startsWith('Captain Comet')), JSON.stringify(guide.programmes.slice(0, 3)));

      const avails = await fx.database.db.selectFrom('playlog_event').leftJoin('asset', 'asset.id', 'playlog_event.asset_id')
        .select(['playlog_event.role', 'asset.relative_path as path', 'asset.collection_id']).where('playlog_event.channel_id', '=', 'comet').where('playlog_event.role', '=', 'interstitial').execute();
      const collections = await fx.database.db.selectFrom('collection').select(['id', 'name']).execute();
      const nameOf = new Map(collections.map((c) => [c.id, c.name]));
      assert.deepEqual([...new Set(avails.map((a) => nameOf.get(a.collection_id ?? '')))].sort(), ['Bumpers', 'Commercials'], 'the avails hold both assigned collections');
      assert.ok(avails.length > 100, `${avails.length} interstitials`);

      await ok(fx.database, oneCommand('movies', '6', '--from', 'collection:lib/Movies', '--build'));
      const movies = (await slots('movies')).map((s) => s.path);
      const titles = [...new Set(movies)].sort();
      assert.equal(titles.length, 4, titles.join());
      const cycles = Array.from({ length: Math.floor(movies.length / 4) }, (_, i) => movies.slice(i * 4, i * 4 + 4));
      for (const cycle of cycles) assert.deepEqual([...cycle].sort(), titles, 'each cycle airs every movie once');
      assert.ok(new Set(cycles.map((c) => c.join())).size > 1, 'the cycles are shuffled, not one fixed order');
    } finally {
      library.cleanup();
    }
  });
});

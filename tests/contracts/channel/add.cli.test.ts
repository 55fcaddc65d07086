// CLI contract tests for `retrovue channel add` (contracts/channel/add.yaml).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { migratedDataDir } from '../../support/media-fixtures.js';
import { cli, cliProcess, json } from '../../support/cli.js';
import { forEachDatabase, testServerUrl } from '../../support/test-databases.js';
import { programmingRows } from '../../support/channel-from.js';
import { friday, ok, refusedInOneLine, seedLibrary } from '../../support/scheduling.js';

const retro1 = ['channel', 'add', '--id', 'retro1', '--name', 'Retro One', '--number', '3', '--grid-block-minutes', '30'];

forEachDatabase((fx) => {
  test('B-1: prints the created channel as JSON matching the contract and exits 0', async () => {
    const run = await cli([...retro1, '--json', '--timezone', 'America/New_York'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const { channel } = json<{ channel: Record<string, unknown> }>(run);
    assert.equal(channel['id'], 'retro1');
    assert.equal(channel['name'], 'Retro One');
    assert.equal(channel['number'], '3');
    assert.equal(channel['grid_block_minutes'], 30);
    assert.deepEqual(channel['block_start_offsets_minutes'], [0]);
    assert.equal(channel['programming_day_start'], '06:00');
    assert.equal(channel['timezone'], 'America/New_York');
    assert.equal(channel['enabled'], true);
    assert.equal(run.stderr, '');
  });

  test('B-1: text mode names the channel and its grid', async () => {
    const run = await cli(retro1, { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /added channel/);
    assert.match(run.stdout, /retro1\s+Retro One/);
    assert.match(run.stdout, /grid 30 min/);
  });

  test('B-2: refuses a grid block that does not divide 1440, naming the field and the allowed values', async () => {
    const run = await cli(['channel', 'add', '--id', 'odd', '--name', 'Odd', '--number', '9', '--grid-block-minutes', '7'], {
      database: fx.database,
    });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /grid-block-minutes must divide 1440 \(one of 1, 2, 3, .*720, 1440\); got 7/);
  });

  test('B-3: --dry-run reports the channel it would create and persists nothing', async () => {
    const run = await cli([...retro1, '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<{ channel: { id: string }; dry_run: boolean }>(run);
    assert.equal(doc.channel.id, 'retro1');
    assert.equal(doc.dry_run, true);
    const list = json<{ channels: unknown[] }>(await cli(['channel', 'list', '--json'], { database: fx.database }));
    assert.deepEqual(list.channels, []);
  });

  const malformed: Array<[string, string[], RegExp]> = [
    ['id', ['--id', 'Retro_1'], /--id: must be lowercase letters, digits and dashes/],
    ['number', ['--number', 'seven'], /--number: must be a channel number such as 7 or 7\.1 \(got "seven"\)/],
    ['programming-day-start', ['--programming-day-start', '25:00'], /--programming-day-start: must be a time HH:MM/],
    ['timezone', ['--timezone', 'Mars/Olympus'], /timezone must be an IANA time zone .*got "Mars\/Olympus"/],
    ['offset list', ['--block-start-offsets-minutes', '0,x'], /--block-start-offsets-minutes: must be a comma-separated list of whole numbers/],
    ['grid-block-minutes', ['--grid-block-minutes', 'abc'], /--grid-block-minutes: must be a whole number between 1 and 1440 \(got "abc"\)/],
  ];
  for (const [what, args, message] of malformed) {
    test(`B-4: refuses a malformed ${what} with exit 1 and one line naming the option`, async () => {
      const base = { '--id': 'ok', '--name': 'Ok', '--number': '5' } as Record<string, string>;
      for (let i = 0; i < args.length; i += 2) base[args[i] as string] = args[i + 1] as string;
      const argv = ['channel', 'add', ...Object.entries(base).flat()];
      const run = await cli(argv, { database: fx.database });
      assert.equal(run.exitCode, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, message);
    });
  }

  const inexact: Array<[string, string[], RegExp]> = [
    ['grid-block-minutes beyond 2^53', ['--grid-block-minutes', '12345678901234567891'], /--grid-block-minutes: must be a whole number between 1 and 1440 \(got "12345678901234567891"\)/],
    ['grid-block-minutes of 400 nines', ['--grid-block-minutes', '9'.repeat(400)], /--grid-block-minutes: must be a whole number between 1 and 1440/],
    ['grid-block-minutes written as an exponent', ['--grid-block-minutes', '3e1'], /--grid-block-minutes: must be a whole number/],
    ['grid-block-minutes written in hex', ['--grid-block-minutes', '0x1e'], /--grid-block-minutes: must be a whole number/],
    ['grid-block-minutes Infinity', ['--grid-block-minutes', 'Infinity'], /--grid-block-minutes: must be a whole number/],
    ['grid-block-minutes NaN', ['--grid-block-minutes', 'NaN'], /--grid-block-minutes: must be a whole number/],
    ['an offset beyond 2^53', ['--block-start-offsets-minutes', '0,12345678901234567891'], /--block-start-offsets-minutes: must be a comma-separated list of whole numbers \(got/],
    ['an offset of 400 nines', ['--block-start-offsets-minutes', `0,${'9'.repeat(400)}`], /--block-start-offsets-minutes: must be a comma-separated list of whole numbers/],
  ];
  for (const [what, args, message] of inexact) {
    test(`B-8: refuses ${what} with exit 1, one line naming the option, and writes nothing`, async () => {
      const run = await cli(['channel', 'add', '--id', 'ok', '--name', 'Ok', '--number', '5', ...args], { database: fx.database });
      assert.equal(run.exitCode, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, message);
      assert.deepEqual(await fx.database.db.selectFrom('channel').select('id').execute(), []);
    });
  }

  test('B-9: a missing required option is named, with the command and where its help is, in one line', async () => {
    const one = await cli(['channel', 'add', '--id', 'x', '--name', 'X'], { database: fx.database });
    assert.equal(one.exitCode, 1);
    assert.equal(one.stdout, '');
    assert.equal(one.stderr, 'retrovue: error: retrovue channel add needs --number (required); see retrovue channel add --help\n');
    const two = await cli(['channel', 'add', '--id', 'x', '--json'], { database: fx.database });
    assert.equal(two.exitCode, 1);
    assert.equal(two.stdout, '');
    assert.deepEqual(JSON.parse(two.stderr), {
      error: { code: 'invalid_input', message: 'retrovue channel add needs --name, --number (required); see retrovue channel add --help' },
    });
    assert.deepEqual(await fx.database.db.selectFrom('channel').select('id').execute(), []);
  });

  test('B-9: a negative number gets the option\'s range error, and no message ends in ".;"', async () => {
    const negatives: Array<[string[], RegExp]> = [
      [['--grid-block-minutes', '-30'], /^retrovue: error: Invalid value for --grid-block-minutes: must be a whole number between 1 and 1440 \(got "-30"\)\n$/],
      [['--block-start-offsets-minutes', '-5'], /^retrovue: error: block-start-offsets-minutes must each lie in \[0, 30\) for a 30-minute block; got -5\n$/],
    ];
    for (const [args, message] of negatives) {
      const run = await cli(['channel', 'add', '--id', 'x', '--name', 'X', '--number', '5', ...args], { database: fx.database });
      assert.equal(run.exitCode, 1);
      assert.match(run.stderr, message);
    }
    const messages = await Promise.all(
      [['channel', 'add', '--id'], ['channel', 'add', '--id', 'x', '--name', 'X', '--number', '5', '--bogus'], ['channel', 'add', 'extra', '--id', 'x', '--name', 'X', '--number', '5']].map(
        (argv) => cli(argv, { database: fx.database }),
      ),
    );
    assert.deepEqual(messages.map((m) => m.exitCode), [1, 1, 1]);
    for (const m of messages) assert.doesNotMatch(m.stderr, /\.;/);
    assert.equal(messages[0]?.stderr, 'retrovue: error: option --id needs a value; see retrovue channel add --help\n');
    assert.equal(messages[1]?.stderr, 'retrovue: error: retrovue channel add has no option --bogus; see retrovue channel add --help\n');
    assert.match(messages[2]?.stderr ?? '', /^retrovue: error: retrovue channel add: extraneous positional argument \("extra"\); usage: retrovue channel add; see retrovue channel add --help\n$/);
  });

  test('B-10: concurrent adds of one id or one number leave one winner; the others get the conflict error, no constraint name', async () => {
    for (const [what, argvOf] of [
      ['id', (i: number) => ['--id', 'same', '--number', String(100 + i)]],
      ['number', (i: number) => ['--id', `ch${i}`, '--number', '42']],
    ] as const) {
      const runs = await Promise.all(
        Array.from({ length: 8 }, (_, i) => cli(['channel', 'add', '--name', `Racer ${i}`, ...argvOf(i), '--json'], { database: fx.database })),
      );
      assert.equal(runs.filter((r) => r.exitCode === 0).length, 1, `one winner by ${what}: ${runs.map((r) => r.stderr).join('')}`);
      for (const lost of runs.filter((r) => r.exitCode !== 0)) {
        assert.equal(lost.exitCode, 1);
        assert.equal(lost.stdout, '');
        const { error } = JSON.parse(lost.stderr) as { error: { code: string; message: string } };
        assert.equal(error.code, 'conflict', error.message);
        assert.doesNotMatch(error.message, /_pkey|_key\b|constraint|duplicate key/);
        assert.match(error.message, what === 'id' ? /same/ : /42/);
      }
      await fx.database.db.deleteFrom('channel').execute();
    }
  });

  test('B-11: an id, name or number beyond its length limit is refused with exit 1 naming the option and the limit', async () => {
    const cases: Array<[string[], string]> = [
      [['--id', 'a'.repeat(65), '--name', 'X', '--number', '5'], '--id: must be at most 64 characters (got 65)'],
      [['--id', 'x', '--name', 'N'.repeat(100_000), '--number', '5'], '--name: must be at most 200 characters (got 100000)'],
      [['--id', 'x', '--name', 'X', '--number', '1'.repeat(33)], '--number: must be at most 32 characters (got 33)'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['channel', 'add', ...args], { database: fx.database });
      assert.equal(run.exitCode, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `retrovue: error: Invalid value for ${message}\n`);
    }
    assert.deepEqual(await fx.database.db.selectFrom('channel').select('id').execute(), []);
    const longest = await cli(['channel', 'add', '--id', 'a'.repeat(64), '--name', 'é'.repeat(200), '--number', '9'.repeat(32)], { database: fx.database });
    assert.equal(longest.exitCode, 0, longest.stderr);
  });

  test('B-5: with --json an error goes to stderr as {"error":{code,message}} and stdout stays empty', async () => {
    const bad = await cli(['channel', 'add', '--id', 'x', '--name', 'X', '--number', '1', '--grid-block-minutes', '7', '--json'], {
      database: fx.database,
    });
    assert.equal(bad.exitCode, 1);
    assert.equal(bad.stdout, '');
    const error = JSON.parse(bad.stderr) as { error: { code: string; message: string } };
    assert.equal(error.error.code, 'invalid_input');
    assert.match(error.error.message, /grid-block-minutes must divide 1440/);

    const unparsable = await cli(['channel', 'add', '--id', 'x', '--json'], { database: fx.database });
    assert.equal(unparsable.exitCode, 1);
    assert.equal(unparsable.stdout, '');
    assert.equal((JSON.parse(unparsable.stderr) as { error: { code: string } }).error.code, 'invalid_input');
  });

  test('B-6: the built binary adds and lists the channel as a child process', async () => {
    const home = mkdtempSync(join(tmpdir(), 'retrovue-bin-'));
    try {
      // A migrated copy of an embedded database: a first open (initdb, every migration) costs a minute on a
      // loaded box and is proven where it is the subject (db migrate, tests/db/open-database.test.ts).
      if (fx.dialect === 'pglite') await migratedDataDir(join(home, 'db'));
      const env =
        fx.dialect === 'pglite'
          ? { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined }
          : { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: new URL(fx.database.config.dialect === 'postgres' ? fx.database.config.url : testServerUrl).toString() };
      const added = await cliProcess([...retro1, '--json'], env);
      assert.equal(added.exitCode, 0, added.stderr);
      assert.equal(json<{ channel: { id: string } }>(added).channel.id, 'retro1');
      const listed = await cliProcess(['channel', 'list', '--json'], env);
      assert.equal(listed.exitCode, 0, listed.stderr);
      assert.deepEqual(
        json<{ channels: Array<{ id: string; number: string }> }>(listed).channels.map((c) => [c.id, c.number]),
        [['retro1', '3']],
      );
      const refused = await cliProcess(['channel', 'add', '--id', 'x', '--name', 'X', '--number', '1', '--grid-block-minutes', '7'], env);
      assert.equal(refused.exitCode, 1);
      assert.match(refused.stderr, /^retrovue: error: grid-block-minutes must divide 1440/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('B-7: --test-db runs against a throwaway database and leaves the configured one untouched', async () => {
    const home = mkdtempSync(join(tmpdir(), 'retrovue-testdb-'));
    try {
      const env =
        fx.database.config.dialect === 'postgres'
          ? { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: fx.database.config.url }
          : { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined };
      const run = await cli([...retro1, '--test-db', '--json'], { env });
      assert.equal(run.exitCode, 0, run.stderr);
      assert.equal(json<{ channel: { id: string } }>(run).channel.id, 'retro1');
      // The configured database never saw it: the server database has no channel, the embedded one was never created.
      assert.deepEqual(await fx.database.db.selectFrom('channel').selectAll().execute(), []);
      if (fx.dialect === 'pglite') assert.equal(existsSync(join(home, 'db')), false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('B-20: a bad language, a repeated language, an unknown subtitle mode or an out-of-range loudness target is refused in one line naming the option; nothing is written', async () => {
    const cases: [string[], RegExp][] = [
      [['--audio-languages', 'eng,klingon'], /^retrovue: error: --audio-languages takes ISO 639 language codes such as eng,jpn or en,ja; got "klingon"\n$/],
      [['--audio-languages', 'e1'], /--audio-languages .*got "e1"/],
      [['--audio-languages', 'en,eng'], /^retrovue: error: --audio-languages names a language twice \(en,eng\); list each once, in order of preference\n$/],
      [['--subtitle-languages', 'de,deu'], /--subtitle-languages names a language twice/],
      [['--subtitles', 'sometimes'], /subtitles/],
      [['--loudness-target', '-5'], /^retrovue: error: --loudness-target must be off or LUFS from -40 to -10 .*got "-5"\n$/],
      [['--loudness-target', '-41'], /--loudness-target must be off or LUFS/],
      [['--loudness-target', 'loud'], /--loudness-target must be off or LUFS/],
      [['--loudness-target', '-24e0'], /--loudness-target must be off or LUFS/],
    ];
    for (const [options, message] of cases) {
      const run = await cli([...retro1, ...options], { database: fx.database });
      assert.equal(run.exitCode, 1, `${options.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    }
    const list = json<{ channels: unknown[] }>(await cli(['channel', 'list', '--json'], { database: fx.database }));
    assert.deepEqual(list.channels, [], 'no refused add wrote a channel');
    const good = await cli([...retro1, '--audio-languages', 'ja,en', '--subtitles', 'when-audio-differs', '--loudness-target', '-23.5', '--json'], { database: fx.database });
    assert.equal(good.exitCode, 0, good.stderr);
  });

  const comet = ['channel', 'add', '--id', 'comet', '--name', 'Comet TV', '--number', '5', '--timezone', 'UTC'];
  type Made = { channel: { id: string }; program: { name: string; kind: string; play_mode: string; asset_chain: { kind: string; name: string }[] }; program_reused: boolean; plan: { name: string; zones: { name: string; start: string; end: string; items: { name: string }[] }[] }; zone: { name: string; plan: string }; interstitials?: { collection: string; role: string }[]; next?: string[]; built?: { schedule_through: string; playlog_through: string; error: null } };

  test('B-30: --from series:, collection: or program: makes (or uses) the program, the plan "everyday" and its zone "all-day", printed as JSON and text', async () => {
    await seedLibrary(fx.database);
    const series = await ok<Made>(fx.database, [...comet, '--from', 'series:Captain Comet']);
    assert.deepEqual([series.program.name, series.program.kind, series.program.play_mode, series.program_reused], ['Captain Comet', 'series', 'sequential', false]);
    assert.deepEqual(series.program.asset_chain.map((l) => `${l.kind}:${l.name}`), ['series:Captain Comet']);
    assert.deepEqual(series.plan.zones.map((z) => [z.name, z.start, z.end, z.items.map((i) => i.name)]), [['all-day', '06:00', '06:00', ['Captain Comet']]]);
    assert.deepEqual([series.plan.name, series.zone.name, series.zone.plan], ['everyday', 'all-day', 'everyday']);
    const movies = await ok<Made>(fx.database, ['channel', 'add', '--id', 'movies', '--name', 'Movies', '--number', '6', '--from', 'collection:lib/Movies']);
    assert.deepEqual([movies.program.name, movies.program.kind, movies.program.play_mode], ['Movies', 'movie', 'shuffle']);
    const episodes = await ok<Made>(fx.database, ['channel', 'add', '--id', 'eps', '--name', 'Eps', '--number', '7', '--from', 'collection:lib/Series']);
    assert.deepEqual([episodes.program.name, episodes.program.kind, episodes.program.play_mode], ['Series', 'series', 'sequential']);
    const programs = (await programmingRows(fx.database))['program']?.length;
    const existing = await ok<Made>(fx.database, ['channel', 'add', '--id', 'again', '--name', 'Again', '--number', '8', '--from', 'program:Movies']);
    assert.deepEqual([existing.program.name, existing.plan.zones[0]?.items[0]?.name], ['Movies', 'Movies']);
    assert.equal((await programmingRows(fx.database))['program']?.length, programs, 'program: makes no program');
    const text = await cli(['channel', 'add', '--id', 'text', '--name', 'Text', '--number', '9', '--from', 'series:Night Shift'], { database: fx.database, clock: friday });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /added channel[\s\S]*added program "Night Shift" \(series, sequential\)[\s\S]*added plan "everyday" of channel text[\s\S]*06:00–06:00 {2}all-day: program "Night Shift"/);
  });

  test('B-31: an unknown series, collection or program, or another kind of --from, is refused in one line naming --from; nothing is written', async () => {
    await seedLibrary(fx.database);
    const before = await programmingRows(fx.database);
    const cases: Array<[string, RegExp]> = [
      ['series:Nobody', /^retrovue: error: --from series:Nobody: no asset of series "Nobody" is in the catalog/],
      ['collection:lib/Nothing', /--from collection:lib\/Nothing: collection "lib\/Nothing" does not exist/],
      ['program:Ghost', /--from program:Ghost: program "Ghost" does not exist/],
      ['asset:x', /--from must be series:<name>, collection:<source>\/<name> or program:<name>; got "asset:x"/],
      ['Captain Comet', /--from must be series:<name>/],
    ];
    for (const [from, message] of cases) refusedInOneLine(await cli([...comet, '--from', from], { database: fx.database }), message);
    assert.deepEqual(await programmingRows(fx.database), before);
  });

  test('B-32: a program of the same name walking the same content is reused; one walking other content is refused naming --from and the fix', async () => {
    await seedLibrary(fx.database);
    await ok(fx.database, ['program', 'add', '--name', 'Captain Comet', '--kind', 'series', '--link', 'series:Captain Comet']);
    await ok(fx.database, ['program', 'add', '--name', 'Night Shift', '--kind', 'series', '--link', 'collection:lib/Movies']);
    const reused = await ok<Made>(fx.database, [...comet, '--from', 'series:Captain Comet']);
    assert.equal(reused.program_reused, true);
    const before = await programmingRows(fx.database);
    assert.equal(before['program']?.length, 2);
    refusedInOneLine(
      await cli(['channel', 'add', '--id', 'night', '--name', 'Night', '--number', '6', '--from', 'series:Night Shift'], { database: fx.database }),
      /--from series:Night Shift: program "Night Shift" already exists and walks other content; air it with --from program:Night Shift, or rename it \(retrovue program update "Night Shift" --rename …\)/,
    );
    assert.deepEqual(await programmingRows(fx.database), before);
    // A chain that starts with the same content but walks more is other content too.
    await ok(fx.database, ['program', 'update', 'Captain Comet', '--link', 'series:Captain Comet', '--link', 'collection:lib/Movies']);
    const longer = await programmingRows(fx.database);
    refusedInOneLine(
      await cli(['channel', 'add', '--id', 'comet2', '--name', 'Comet 2', '--number', '7', '--from', 'series:Captain Comet'], { database: fx.database }),
      /--from series:Captain Comet: program "Captain Comet" already exists and walks other content/,
    );
    assert.deepEqual(await programmingRows(fx.database), longer);
  });

  test('B-33: --interstitials (comma list or repeated, role commercial unless given) assigns each collection; an unknown one or role is refused naming it', async () => {
    await seedLibrary(fx.database);
    const before = await programmingRows(fx.database);
    refusedInOneLine(await cli([...comet, '--interstitials', 'bumper:lib/Bumpers,promo:lib/Commercials'], { database: fx.database }), /--interstitials promo:lib\/Commercials: role "promo" is not one of bumper, commercial, station-id/);
    refusedInOneLine(await cli([...comet, '--interstitials', 'lib/Bumpers', '--interstitials', 'station-id:lib/Idents'], { database: fx.database }), /--interstitials lib\/Idents: collection "lib\/Idents" does not exist/);
    assert.deepEqual(await programmingRows(fx.database), before);
    const made = await ok<Made>(fx.database, [...comet, '--interstitials', 'bumper:lib/Bumpers, lib/Commercials', '--interstitials', 'station-id:lib/Bumpers']);
    assert.deepEqual(made.interstitials?.map((i) => `${i.role}:${i.collection}`), ['bumper:lib/Bumpers', 'commercial:lib/Commercials', 'station-id:lib/Bumpers']);
    const listed = await ok<{ interstitials: { collection: string; role: string }[] }>(fx.database, ['interstitial', 'list', '--channel', 'comet']);
    assert.equal(listed.interstitials.length, 3);
  });

  test('B-34: without --build it names the commands to run next (and they build); with --build it builds days and playlog itself', async () => {
    await seedLibrary(fx.database);
    const later = await ok<Made>(fx.database, [...comet, '--from', 'series:Captain Comet']);
    assert.deepEqual(later.next, ['retrovue schedule-day build --channel comet --days 4', 'retrovue playlog build --channel comet --hours 6']);
    assert.equal(later.built, undefined);
    for (const command of later.next ?? []) await ok(fx.database, command.split(' ').slice(1));
    const schedule = await ok<{ channels: { schedule_through: string }[] }>(fx.database, ['horizon', 'status']);
    assert.equal(schedule.channels[0]?.schedule_through, '2025-03-10');
    const now = await ok<Made>(fx.database, ['channel', 'add', '--id', 'now', '--name', 'Now', '--number', '6', '--timezone', 'UTC', '--from', 'series:Night Shift', '--build']);
    assert.equal(now.next, undefined);
    assert.equal(now.built?.error, null);
    assert.equal(now.built?.schedule_through, '2025-03-10');
    assert.ok(Date.parse(now.built?.playlog_through ?? '') >= Date.parse('2025-03-07T16:00:00Z'), now.built?.playlog_through);
    const text = await cli(['channel', 'add', '--id', 'txt', '--name', 'Txt', '--number', '7', '--timezone', 'UTC', '--from', 'program:Night Shift', '--build'], { database: fx.database, clock: friday });
    assert.match(text.stdout, /built txt: built 2025-03-07, 2025-03-08, 2025-03-09, 2025-03-10.*; schedule through 2025-03-10, playlog through 2025-03-08T06:00:00\.000Z/);
  });

  test('B-35: --build without --from is refused naming both options; nothing is written', async () => {
    refusedInOneLine(await cli([...comet, '--build', '--interstitials', 'lib/Bumpers'], { database: fx.database }), /--build needs --from: a channel without a plan has nothing to build/);
    assert.deepEqual((await programmingRows(fx.database))['channel'], []);
  });

  test('B-36: --dry-run with --from, --interstitials and --build reports what it would make and build, and persists nothing', async () => {
    await seedLibrary(fx.database);
    const before = await programmingRows(fx.database);
    const run = await cli([...comet, '--from', 'series:Captain Comet', '--interstitials', 'bumper:lib/Bumpers', '--build', '--dry-run', '--json'], { database: fx.database, clock: friday });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Made & { dry_run: boolean }>(run);
    assert.deepEqual([doc.dry_run, doc.program.name, doc.zone.name, doc.interstitials?.length, doc.built?.schedule_through], [true, 'Captain Comet', 'all-day', 1, '2025-03-10']);
    assert.deepEqual(await programmingRows(fx.database), before);
    const text = await cli([...comet, '--from', 'series:Captain Comet', '--build', '--dry-run'], { database: fx.database, clock: friday });
    assert.match(text.stdout, /would add channel[\s\S]*would add program[\s\S]*would build comet: built 2025-03-07/);
    assert.deepEqual(await programmingRows(fx.database), before);
  });
});

// CLI contract tests for `retrovue horizon advance` (contracts/horizon/advance.yaml).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliProcess, json } from '../../support/cli.js';
import { addScheduledChannel, addUtcChannel, friday, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

const home = mkdtempSync(join(tmpdir(), 'retrovue-horizon-'));
after(() => rmSync(home, { recursive: true, force: true }));

type Advanced = { channels: Array<{ channel: string; error: string | null; built_days: string[]; expanded_days: string[]; schedule_through: string | null; playlog_through: string | null }> };

forEachDatabase((fx) => {
  test('B-1: builds every enabled channel through --epg-days and expands its playlog --playlog-hours ahead, exit 0', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['channel', 'add', '--id', 'off', '--name', 'Off', '--number', '9', '--timezone', 'UTC', '--no-enabled']);
    const doc = await ok<Advanced>(fx.database, ['horizon', 'advance', '--epg-days', '2', '--playlog-hours', '30']);
    assert.deepEqual(doc.channels.map((c) => c.channel), ['retro1']);
    const [retro1] = doc.channels;
    assert.deepEqual(retro1?.built_days, ['2025-03-07', '2025-03-08', '2025-03-09']);
    assert.deepEqual(retro1?.expanded_days, ['2025-03-07', '2025-03-08']);
    assert.equal(retro1?.schedule_through, '2025-03-09');
    assert.equal(retro1?.playlog_through, '2025-03-09T06:00:00.000Z');
    const text = await cli(['horizon', 'advance', '--channel', 'off', '--epg-days', '0', '--playlog-hours', '0'], { database: fx.database, clock: friday });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /off: built 2025-03-07/);
  });

  test('B-2: a second run builds nothing; two processes at once both succeed and build each day once', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['horizon', 'advance']);
    const again = await ok<Advanced>(fx.database, ['horizon', 'advance']);
    assert.deepEqual([again.channels[0]?.built_days, again.channels[0]?.expanded_days], [[], []]);
    if (fx.database.config.dialect !== 'postgres') return; // one embedded database has one process (its data-directory lock)
    await addUtcChannel(fx.database, 'retro2', '4');
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'retro2', '--name', 'everyday']);
    await ok(fx.database, ['zone', 'add', '--channel', 'retro2', '--plan', 'everyday', '--name', 'all', '--start', '06:00', '--end', '24:00', '--item', 'program:Captain Comet']);
    // Two real processes of the built binary on the same server database, at once (wall-clock now).
    const env = { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: fx.database.config.url };
    const runs = await Promise.all([1, 2].map(() => cliProcess(['horizon', 'advance', '--channel', 'retro2', '--playlog-hours', '1', '--json'], env)));
    for (const run of runs) assert.equal(run.exitCode, 0, run.stderr);
    const built = runs.flatMap((run) => json<Advanced>(run).channels.flatMap((c) => c.built_days)).sort();
    assert.equal(built.length, 4, built.join(', '));
    assert.equal(new Set(built).size, 4, `a day was built twice: ${built.join(', ')}`);
    const days = await fx.database.db.selectFrom('schedule_day').select('channel_id').where('channel_id', '=', 'retro2').execute();
    assert.equal(days.length, 4);
  });

  test('B-3: a channel whose plans are refused is reported with its reason and exit 2; the others still advance', async () => {
    await addScheduledChannel(fx.database);
    await addUtcChannel(fx.database, 'broken', '5');
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'broken', '--name', 'a']);
    await ok(fx.database, ['schedule-plan', 'add', '--channel', 'broken', '--name', 'b']);
    const run = await cli(['horizon', 'advance', '--json'], { database: fx.database, clock: friday });
    assert.equal(run.exitCode, 2, run.stderr);
    const doc = json<Advanced>(run);
    assert.match(doc.channels.find((c) => c.channel === 'broken')?.error ?? '', /schedule plans "a" and "b" both apply to 2025-03-07 with priority 0/);
    assert.equal(doc.channels.find((c) => c.channel === 'retro1')?.built_days.length, 4);
  });
});

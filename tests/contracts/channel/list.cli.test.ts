// CLI contract tests for `retrovue channel list` (contracts/channel/list.yaml).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { addChannel } from '../../support/channels.js';
import { cli, cliProcess, json } from '../../support/cli.js';
import { binaryEnv, withBinaryDatabase } from '../../support/media-fixtures.js';
import { forEachDatabase, onOneDatabase } from '../../support/test-databases.js';

interface Listed {
  channels: Array<{ id: string; number: string; enabled: boolean; grid_block_minutes: number }>;
}

forEachDatabase((fx) => {
  test('B-1: prints every channel, as JSON matching the output schema, and exits 0', async () => {
    await addChannel(fx.database, 'retro1', '3');
    await addChannel(fx.database, 'retro2', '4', ['--grid-block-minutes', '60']);
    await addChannel(fx.database, 'late', '12', ['--block-start-offsets-minutes', '0,15', '--programming-day-start', '05:30', '--no-enabled']);
    const run = await cli(['channel', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const { channels } = json<Listed>(run);
    assert.deepEqual(channels.map((c) => [c.id, c.grid_block_minutes]), [['retro1', 30], ['retro2', 60], ['late', 30]]);
  });

  test('B-1: text mode prints a header and one row per channel, every column, in dial order, and exits 0', async () => {
    await addChannel(fx.database, 'late', '12', ['--block-start-offsets-minutes', '0,15', '--programming-day-start', '05:30', '--no-enabled']);
    await addChannel(fx.database, 'retro2', '4', ['--grid-block-minutes', '60']);
    await addChannel(fx.database, 'retro1', '3');
    const text = await cli(['channel', 'list'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stderr, '');
    const lines = text.stdout.trimEnd().split('\n').map((line) => line.split(/\s{2,}/));
    assert.deepEqual(lines, [
      ['NUMBER', 'ID', 'NAME', 'GRID', 'OFFSETS', 'DAY START', 'TIMEZONE', 'ENABLED'],
      ['3', 'retro1', 'Channel retro1', '30m', '0', '06:00', 'UTC', 'yes'],
      ['4', 'retro2', 'Channel retro2', '60m', '0', '06:00', 'UTC', 'yes'],
      ['12', 'late', 'Channel late', '30m', '0,15', '05:30', 'UTC', 'no'],
    ]);
  });

  test('B-2: an empty catalog prints an empty list and exits 0', async () => {
    const run = await cli(['channel', 'list', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0);
    assert.deepEqual(json<Listed>(run).channels, []);
    const text = await cli(['channel', 'list'], { database: fx.database });
    assert.equal(text.exitCode, 0);
    assert.match(text.stdout, /no channels yet/);
  });

  test('B-3: --enabled-only omits disabled channels', async () => {
    await addChannel(fx.database, 'on', '1');
    await addChannel(fx.database, 'off', '2', ['--no-enabled']);
    const all = json<Listed>(await cli(['channel', 'list', '--json'], { database: fx.database }));
    assert.deepEqual(all.channels.map((c) => c.id), ['on', 'off']);
    const enabled = json<Listed>(await cli(['channel', 'list', '--enabled-only', '--json'], { database: fx.database }));
    assert.deepEqual(enabled.channels.map((c) => c.id), ['on']);
  });

  test('B-5: text output escapes control characters in names; --json keeps them exactly', async () => {
    const evil = 'Evil\u001b[31mRed\nFake Row\r\u202Eoops';
    const added = await cli(['channel', 'add', '--id', 'evil', '--name', evil, '--number', '6', '--timezone', 'UTC'], { database: fx.database });
    assert.equal(added.exitCode, 0, added.stderr);
    assert.doesNotMatch(added.stdout, /[\u001b\r\u202E]/);
    assert.equal(added.stdout.trimEnd().split('\n').length, 4, `the name's newline stays inside its line: ${added.stdout}`);
    const text = await cli(['channel', 'list'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.doesNotMatch(text.stdout, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, 'one header, one row');
    assert.match(lines[1] ?? '', /^6\s+evil\s+Evil\\x1B\[31mRed\\nFake Row\\x0D\\u202Eoops\s+30m/);
    const listed = json<{ channels: Array<{ name: string }> }>(await cli(['channel', 'list', '--json'], { database: fx.database }));
    assert.equal(listed.channels[0]?.name, evil);
    const missing = await cli(['channel', 'show', 'x'], { database: fx.database });
    assert.equal(missing.exitCode, 1);
  });

  // Draining stdout is the process's, not the database's: one dialect proves it (Postgres where it runs: no
  // embedded boot in each binary run).
  test('B-4: several MB of --json and of text reach a pipe whole from the built binary, byte for byte', onOneDatabase(fx), async () => {
    const home = mkdtempSync(join(tmpdir(), 'retrovue-drain-'));
    try {
      // The binary's own database: the test's Postgres one, or an embedded one (a migrated copy) under home.
      const [expectedJson, expectedText] = await withBinaryDatabase(fx, home, async (database) => {
        await sql`insert into channel (id, name, number, grid_block_minutes, block_start_offsets_minutes, programming_day_start, timezone)
          select 'ch' || g, 'Channel ' || g || ' ' || repeat('x', 180), g::text, 30, '{0}', '06:00', 'UTC'
          from generate_series(1, 20000) as g`.execute(database.db);
        return [await cli(['channel', 'list', '--json'], { database }), await cli(['channel', 'list'], { database })];
      });
      assert.equal(expectedJson.exitCode, 0, expectedJson.stderr);
      assert.ok(expectedJson.stdout.length > 4_000_000, `only ${expectedJson.stdout.length} bytes`);
      const env = binaryEnv(fx, home);
      const piped = await cliProcess(['channel', 'list', '--json'], env);
      assert.equal(piped.exitCode, 0, piped.stderr);
      assert.equal(piped.stdout.length, expectedJson.stdout.length);
      assert.ok(piped.stdout === expectedJson.stdout, 'the piped --json differs from the in-process one');
      assert.equal(json<Listed>(piped).channels.length, 20000);
      const text = await cliProcess(['channel', 'list'], env);
      assert.equal(text.exitCode, 0, text.stderr);
      assert.equal(text.stdout.length, expectedText.stdout.length);
      assert.ok(text.stdout === expectedText.stdout, 'the piped text differs from the in-process one');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

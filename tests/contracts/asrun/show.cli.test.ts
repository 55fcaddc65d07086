// CLI contract tests for `retrovue asrun show` (contracts/asrun/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import type { AsRunRecord } from '../../../src/runtime/asrun-recorder.js';
import { insertAsRun } from '../../../src/runtime/asrun-repository.js';
import { createLogger } from '../../../src/core/logger.js';
import { AsRunLog } from '../../../src/runtime/asrun-log.js';
import { DbGate } from '../../../src/runtime/db-gate.js';

const day = Date.parse('2026-11-24T00:00:00Z');

function record(channelId: string, startMs: number, title: string, status: AsRunRecord['status'] = 'aired'): AsRunRecord {
  return { channelId, playlogEventId: `${channelId}@${startMs}`, assetId: null, title, scheduledStartMs: startMs, actualStartMs: startMs + 40, endMs: startMs + 60_000, inPointMs: 0, status, reason: null };
}

forEachDatabase((fx) => {
  test('B-1: prints the segments that started airing in the channel\'s programming day, in airing order; the day on air by default; an empty day is an empty list', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--programming-day-start', '00:00']);
    await insertAsRun(fx.database.db, [
      record('retro1', day + 3_600_000, 'Second'),
      record('retro1', day + 60_000, 'First'),
      record('retro1', day - 60_000, 'The day before'),
      record('retro1', day + 86_400_000, 'The day after'),
      record('other', day + 120_000, 'Another channel'),
    ]);
    const clock = { now: () => day + 12 * 3_600_000 };
    const run = await cli(['asrun', 'show', '--channel', 'retro1', '--json'], { database: fx.database, clock });
    assert.equal(run.exitCode, 0, run.stderr);
    const shown = json<{ channel: string; date: string; entries: Array<{ title: string }> }>(run);
    assert.equal(shown.date, '2026-11-24');
    assert.deepEqual(shown.entries.map((e) => e.title), ['First', 'Second']);
    const text = await cli(['asrun', 'show', '--channel', 'retro1', '--date', '2026-11-23'], { database: fx.database, clock });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /23:59:00\.040 .* aired +The day before/);
    const empty = await cli(['asrun', 'show', '--channel', 'retro1', '--date', '2026-01-01', '--json'], { database: fx.database });
    assert.equal(empty.exitCode, 0);
    assert.deepEqual(json(empty), { channel: 'retro1', date: '2026-01-01', entries: [] });
  });

  test('B-2: a channel that neither exists nor has records exits 1 naming it; an impossible date exits 1', async () => {
    const run = await cli(['asrun', 'show', '--channel', 'nope'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /^retrovue: error: channel "nope" does not exist and has no as-run records/);
    assert.equal(run.stderr.split('\n').length, 2);
    // A removed channel's history is still shown.
    await insertAsRun(fx.database.db, [record('gone', day + 60_000, 'History')]);
    const gone = await cli(['asrun', 'show', '--channel', 'gone', '--date', '2026-11-24', '--json'], { database: fx.database });
    assert.equal(gone.exitCode, 0, gone.stderr);
    assert.deepEqual(json<{ entries: Array<{ title: string }> }>(gone).entries.map((e) => e.title), ['History'], 'a removed channel is shown by UTC days');
    await addChannel(fx.database, 'retro1', '3');
    for (const date of ['2026-02-30', '2026-13-01', '24-11-2026']) {
      const bad = await cli(['asrun', 'show', '--channel', 'retro1', '--date', date], { database: fx.database });
      assert.equal(bad.exitCode, 1, date);
      assert.match(bad.stderr, /--date/, date);
    }
  });

  test('B-3: a segment still on air shows as airing, its end the last refresh, reason null', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--programming-day-start', '00:00']);
    const now = { ms: day + 600_000 };
    const log = new AsRunLog({ dir: null, db: new DbGate(fx.database.db, fx.dialect), log: createLogger({ level: 'silent' }), clock: { now: () => now.ms } });
    const done = log.open({ ...record('retro1', day + 60_000, 'Finished'), endMs: day + 60_040, status: 'airing' });
    log.close(done, record('retro1', day + 60_000, 'Finished'));
    log.open({ ...record('retro1', day + 120_000, 'On air'), endMs: day + 120_040, status: 'airing' });
    await log.flush();
    const run = await cli(['asrun', 'show', '--channel', 'retro1', '--date', '2026-11-24', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const entries = json<{ entries: Array<{ title: string; status: string; end: string; reason: string | null }> }>(run).entries;
    assert.deepEqual(entries.map((e) => [e.title, e.status, e.end, e.reason]), [
      ['Finished', 'aired', new Date(day + 120_000).toISOString(), null],
      ['On air', 'airing', new Date(day + 120_040).toISOString(), null],
    ]);
    const text = await cli(['asrun', 'show', '--channel', 'retro1', '--date', '2026-11-24'], { database: fx.database });
    assert.match(text.stdout, /airing +On air/);
  });

  test('B-4: days follow the channel\'s zone and day start: 05:59 local is the day before, 06:00 the day; a DST day spans 25 or 23 hours; the default is the day on air', async () => {
    await addChannel(fx.database, 'ny', '7', ['--timezone', 'America/New_York', '--programming-day-start', '06:00']);
    const at = (iso: string, title: string) => record('ny', Date.parse(iso) - 40, title);
    await insertAsRun(fx.database.db, [
      at('2026-11-24T10:59:00.000Z', '05:59 EST, the day before'),
      at('2026-11-24T11:00:00.000Z', '06:00 EST, the day'),
      at('2026-11-25T10:59:59.000Z', '05:59:59 EST next morning, still the day'),
      at('2026-10-31T10:00:00.000Z', '06:00 EDT, first of the 25-hour day'),
      at('2026-11-01T10:59:00.000Z', '05:59 EST, last of the 25-hour day'),
      at('2026-03-07T11:00:00.000Z', '06:00 EST, first of the 23-hour day'),
      at('2026-03-08T09:59:00.000Z', '05:59 EDT, last of the 23-hour day'),
      at('2026-03-08T10:00:00.000Z', '06:00 EDT, the next day'),
    ]);
    const titles = async (date: string | undefined, clockIso = '2026-12-01T00:00:00Z') => {
      const run = await cli(['asrun', 'show', '--channel', 'ny', ...(date === undefined ? [] : ['--date', date]), '--json'], { database: fx.database, clock: { now: () => Date.parse(clockIso) } });
      assert.equal(run.exitCode, 0, run.stderr);
      const shown = json<{ date: string; entries: Array<{ title: string }> }>(run);
      return [shown.date, ...shown.entries.map((e) => e.title)];
    };
    assert.deepEqual(await titles('2026-11-23'), ['2026-11-23', '05:59 EST, the day before']);
    assert.deepEqual(await titles('2026-11-24'), ['2026-11-24', '06:00 EST, the day', '05:59:59 EST next morning, still the day']);
    assert.deepEqual(await titles('2026-10-31'), ['2026-10-31', '06:00 EDT, first of the 25-hour day', '05:59 EST, last of the 25-hour day']);
    assert.deepEqual(await titles('2026-03-07'), ['2026-03-07', '06:00 EST, first of the 23-hour day', '05:59 EDT, last of the 23-hour day']);
    assert.deepEqual(await titles('2026-03-08'), ['2026-03-08', '06:00 EDT, the next day']);
    // 05:30 local on the 25th: the programming day on air is still the 24th.
    assert.deepEqual(await titles(undefined, '2026-11-25T10:30:00Z'), ['2026-11-24', '06:00 EST, the day', '05:59:59 EST next morning, still the day']);
  });
});

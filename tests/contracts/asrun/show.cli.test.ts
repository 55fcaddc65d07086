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
  test('B-1: prints the segments that started airing on the day, in airing order; today by default; an empty day is an empty list', async () => {
    await addChannel(fx.database, 'retro1', '3');
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
    await addChannel(fx.database, 'retro1', '3');
    for (const date of ['2026-02-30', '2026-13-01', '24-11-2026']) {
      const bad = await cli(['asrun', 'show', '--channel', 'retro1', '--date', date], { database: fx.database });
      assert.equal(bad.exitCode, 1, date);
      assert.match(bad.stderr, /--date/, date);
    }
  });

  test('B-3: a segment still on air shows as airing, its end the last refresh, reason null', async () => {
    await addChannel(fx.database, 'retro1', '3');
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
});

// The as-run log against both databases: a segment's row opens when it goes on air (airing, end = start),
// its end follows the refresh, it closes by id when the segment ends, and a node taking a channel closes the
// rows a stopped node left airing as errors, keeping their last refreshed end — never a row twice.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { createLogger } from '../../src/core/logger.js';
import { AsRunLog, asRunFileOf, ORPHANED_REASON } from '../../src/runtime/asrun-log.js';
import type { AsRunRecord } from '../../src/runtime/asrun-recorder.js';
import { DbGate } from '../../src/runtime/db-gate.js';
import { until } from '../support/runtime.js';
import { forEachDatabase } from '../support/test-databases.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const start = Date.parse('2026-12-06T10:00:00Z');
const onAir = (channelId: string, title: string, actualStartMs = start): AsRunRecord => ({
  channelId, playlogEventId: `${channelId}@${actualStartMs}`, assetId: null, title, scheduledStartMs: actualStartMs,
  actualStartMs, endMs: actualStartMs, inPointMs: 0, status: 'airing', reason: null,
});

forEachDatabase((fx) => {
  const rowsOf = (channelId: string) => fx.database.db.selectFrom('as_run').selectAll().where('channel_id', '=', channelId).orderBy('id').execute();
  const logOf = (nodeId: string, now: { ms: number }, dir: string | null = null, refreshMs = 3_600_000) =>
    new AsRunLog({ dir, db: new DbGate(fx.database.db, fx.dialect), log: createLogger({ level: 'silent' }), clock: { now: () => now.ms }, nodeId, refreshMs });

  test('D-72: the row opens airing (end = start, its node), its end follows the refresh, and it closes by id; a second close changes nothing; the file gets the finished line only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retrovue-asrun-log-'));
    dirs.push(dir);
    const node = randomUUID();
    const now = { ms: start };
    const log = logOf(node, now, dir, 50);
    const key = log.open(onAir('retro1', 'Pilot'));
    await log.flush();
    const [opened] = await rowsOf('retro1');
    assert.deepEqual([opened?.status, Number(opened?.end_ms), opened?.node_id, opened?.reason], ['airing', start, node, null]);
    assert.equal(existsSync(asRunFileOf(dir, 'retro1', start)), false, 'no file line while the segment airs');

    now.ms = start + 7_000;
    let end = 0;
    await until(() => end === start + 7_000, 'the refresh moves the end to now', 5_000, async () => {
      end = Number((await rowsOf('retro1'))[0]?.end_ms);
    });
    log.close(key, { ...onAir('retro1', 'Pilot'), endMs: start + 9_000, status: 'truncated', reason: 'playout stopped' });
    log.close(key, { ...onAir('retro1', 'Pilot'), endMs: start + 9_000, status: 'truncated', reason: 'playout stopped' });
    await log.flush();
    const rows = await rowsOf('retro1');
    assert.deepEqual(rows.map((r) => [r.id, r.status, Number(r.end_ms), r.reason]), [[opened?.id, 'truncated', start + 9_000, 'playout stopped']], 'closed in place, once');
    const lines = readFileSync(asRunFileOf(dir, 'retro1', start), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 1, 'one line per finished record');
    assert.equal(lines[0]?.['status'], 'truncated');
    // Nothing airs any more: a later refresh leaves the closed row alone.
    now.ms = start + 60_000;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(Number((await rowsOf('retro1'))[0]?.end_ms), start + 9_000);
  });

  test('D-72: a node taking a channel closes the rows a stopped node left airing as errors with their last end, leaves its own and other channels alone, and closes nothing twice', async () => {
    const dead = logOf(randomUUID(), { ms: start });
    dead.open(onAir('retro1', 'Cut by a crash'));
    dead.open(onAir('retro2', 'Another channel'));
    await dead.flush();
    await fx.database.db.updateTable('as_run').set({ end_ms: start + 4_000 }).execute(); // its last refresh
    const taker = logOf(randomUUID(), { ms: start + 20_000 });
    const own = taker.open(onAir('retro1', 'Taker on air', start + 15_000));
    taker.takeOver('retro1');
    taker.takeOver('retro1');
    await taker.flush();
    const rows = await rowsOf('retro1');
    assert.deepEqual(rows.map((r) => [r.title, r.status, Number(r.end_ms), r.reason]), [
      ['Cut by a crash', 'error', start + 4_000, ORPHANED_REASON],
      ['Taker on air', 'airing', start + 15_000, null],
    ]);
    assert.deepEqual((await rowsOf('retro2')).map((r) => r.status), ['airing'], 'another channel is not taken');
    taker.close(own, { ...onAir('retro1', 'Taker on air', start + 15_000), endMs: start + 20_000, status: 'aired' });
    await taker.flush();
    assert.deepEqual((await rowsOf('retro1')).map((r) => r.status), ['error', 'aired']);
  });

  test('D-72: a record whose opening insert failed is still written once when it closes', async () => {
    const log = logOf(randomUUID(), { ms: start });
    const key = log.open({ ...onAir('retro1', 'Opened'), inPointMs: 0, title: 'x'.repeat(10), assetId: null, playlogEventId: null, endMs: start - 1 });
    await log.flush();
    assert.deepEqual(await rowsOf('retro1'), [], 'an end before the start is refused');
    log.close(key, { ...onAir('retro1', 'Closed'), endMs: start + 1_000, status: 'aired' });
    await log.flush();
    assert.deepEqual((await rowsOf('retro1')).map((r) => [r.title, r.status]), [['Closed', 'aired']]);
  });
});

// Data contract tests for `retrovue runtime serve` (contracts/runtime/serve.yaml): what the server writes
// while it serves — the as-run log (table and files) and the horizons — checked in the database after it stops;
// and how it reaches the database (the DbGate's turns, queries per route), checked in process on a real database.
import { CHECKED_PLAN_FRESH_MS } from '../../../src/runtime/tune-checks.js';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { binaryEnv, withBinaryDatabase } from '../../support/media-fixtures.js';
import { startServe } from '../../support/runtime-binary.js';
import { blockClip, seedPlayableNetwork } from '../../support/runtime-network.js';
import { tuneIn, until } from '../../support/runtime.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { libhdhomerunAccepts } from '../../support/libhdhomerun.js';
import { request } from 'undici';
import { sql } from 'kysely';
import { DEFAULT_LEAD_MS, DEFAULT_START_BURST_MS } from '../../../src/air/protocol.js';
import { advanceHorizons, defaultHorizon } from '../../../src/scheduling/horizon/horizon.js';
import { fetchPlaylist } from '../../support/hls.js';
import { AsRunLog, asRunFileOf, asRunLine, asRunTiming, ORPHANED_REASON } from '../../../src/runtime/asrun-log.js';
import type { AsRunRecord } from '../../../src/runtime/asrun-recorder.js';
import { mountSmallDisk, smallDiskRefusal } from '../../support/small-disk.js';
import { startNode, tuneInUntilPlaying } from '../../support/runtime-nodes.js';
import type { Viewer } from '../../support/runtime.js';
import { loadScheduleDaysBetween, loadScheduleDaysOfChannels } from '../../../src/scheduling/schedule-day/schedule-day-repository.js';
import { DbGate } from '../../../src/runtime/db-gate.js';
import { systemClock } from '../../../src/core/clock.js';
import { countingDb, gatedDirector, onAirNetwork, recordingLogger } from '../../support/db-gate-runtime.js';
import { randomUUID } from 'node:crypto';
import { openLockSession } from '../../../src/db/lock-session.js';
import { channelOwner, registerNode, tryLockChannel } from '../../../src/runtime/runtime-node-repository.js';
import { ownershipTiming } from '../../../src/runtime/channel-ownership.js';

const homes: string[] = [];
after(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

forEachDatabase((fx) => {
  test('D-1, D-2: horizons advance at start and on the timer with nobody watching; every aired segment lands in as_run and in the day\'s JSON-lines file', async () => {
    const home = mkdtempSync(join(tmpdir(), 'retrovue-serve-data-'));
    homes.push(home);
    const clip = await blockClip();
    const assets = await withBinaryDatabase(fx, home, (database) => seedPlayableNetwork(database.db, [{ id: 'retro1', clip }, { id: 'unwatched', clip }]));
    const serve = await startServe(['--port', '0', '--json', '--linger-seconds', '0', '--horizon-minutes', '0.05'], binaryEnv(fx, home));
    let summary: Record<string, number>;
    try {
      // Tune in once the horizon has built the playlog, watch a few seconds, leave: the segment ends truncated.
      let status = 0;
      let viewer: Awaited<ReturnType<typeof tuneIn>> | undefined;
      await until(() => status === 200, 'the channel is on air', 60_000, async () => {
        viewer?.close();
        viewer = await tuneIn(`${serve.url}/channel/retro1.ts`);
        status = viewer.status;
      });
      await viewer?.waitFor(188 * 500);
      viewer?.close();
      await until(() => existsSync(join(home, 'asrun', 'retro1')), 'the as-run file is written', 30_000);
      // The timer runs every 3 s: wait for a second run.
      await new Promise((resolve) => setTimeout(resolve, 4000));
    } finally {
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
      summary = JSON.parse(stopped.stdout) as Record<string, number>;
    }
    assert.ok((summary['horizon_runs'] ?? 0) >= 2, `horizon runs: ${summary['horizon_runs']}`);
    assert.ok((summary['as_run_records'] ?? 0) >= 1);
    await withBinaryDatabase(fx, home, async (database) => {
      const db = database.db;
      // D-2: both channels, watched or not, have schedule days and a playlog past now.
      for (const channel of ['retro1', 'unwatched']) {
        const days = await db.selectFrom('schedule_day').select('programming_day').where('channel_id', '=', channel).execute();
        assert.ok(days.length >= 4, `${channel}: ${days.length} schedule days`);
        const tail = await db.selectFrom('playlog_event').select((eb) => eb.fn.max('end_ms').as('end')).where('channel_id', '=', channel).executeTakeFirstOrThrow();
        assert.ok(Number(tail.end) > Date.now() + 3_600_000, `${channel}: the playlog reaches past the next hour`);
      }
      // D-1: the table and the file hold the same records, one line per segment.
      const rows = await db.selectFrom('as_run').selectAll().where('channel_id', '=', 'retro1').orderBy('id').execute();
      assert.equal(rows.length, summary['as_run_records']);
      const files = [...new Set(rows.map((r) => new Date(Number(r.actual_start_ms)).toISOString().slice(0, 10)))];
      const lines = files.flatMap((day) => readFileSync(join(home, 'asrun', 'retro1', `${day}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
      assert.equal(lines.length, rows.length);
      rows.forEach((row, i) => {
        const line = lines[i] as Record<string, unknown>;
        assert.equal(row.asset_id, assets['retro1']);
        assert.equal(line['asset_id'], row.asset_id);
        assert.equal(line['playlog_event_id'], row.playlog_event_id);
        assert.match(String(row.playlog_event_id), /^retro1@\d+$/);
        assert.equal(line['actual_start_ms'], Number(row.actual_start_ms));
        assert.equal(line['end_ms'], Number(row.end_ms));
        assert.equal(line['scheduled_start_ms'], Number(row.scheduled_start_ms));
        assert.equal(line['in_point_ms'], Number(row.in_point_ms));
        assert.equal(line['status'], row.status);
        assert.ok(Number(row.end_ms) > Number(row.actual_start_ms));
      });
      assert.equal(rows.at(-1)?.status, 'truncated', 'the segment on air when the viewer left was truncated');
      assert.deepEqual(await db.selectFrom('as_run').select('id').where('channel_id', '=', 'unwatched').execute(), [], 'nothing aired where nobody watched');
    });
  });

  test('D-72: on the single embedded node, a server killed mid-segment leaves its refreshed airing row, and the next server closes it as an error when it starts the channel', { skip: fx.dialect !== 'pglite' && 'on a Postgres server the failover test below takes the channel' }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'retrovue-serve-crash-'));
    homes.push(home);
    await withBinaryDatabase(fx, home, async (database) => {
      await seedPlayableNetwork(database.db, [{ id: 'retro1', clip: await blockClip() }]);
      await advanceHorizons(database.db, { ...defaultHorizon, nowMs: Date.now() });
    });
    const watch = async (serve: Awaited<ReturnType<typeof startServe>>, forMs: number) => {
      const { viewer } = await tuneInUntilPlaying(`${serve.url}/channel/retro1.ts`, 30_000);
      await new Promise((resolve) => setTimeout(resolve, forMs));
      return viewer;
    };
    const first = await startServe(['--port', '0', '--linger-seconds', '0'], binaryEnv(fx, home));
    let killedAt = 0;
    try {
      (await watch(first, asRunTiming.refreshMs + 2_000)).close();
    } finally {
      killedAt = Date.now();
      first.child.kill('SIGKILL');
      await first.stop('SIGKILL');
    }
    const rowsOf = () => withBinaryDatabase(fx, home, (database) => database.db.selectFrom('as_run').selectAll().orderBy('actual_start_ms').execute());
    const [left, ...none] = await rowsOf();
    assert.ok(left !== undefined && none.length === 0, 'one row left by the killed server');
    assert.equal(left.status, 'airing');
    assert.ok(Number(left.end_ms) > Number(left.actual_start_ms) && killedAt - Number(left.end_ms) <= asRunTiming.refreshMs + 1_000, `its end: ${killedAt - Number(left.end_ms)} ms before the kill`);

    const second = await startServe(['--port', '0', '--linger-seconds', '0'], binaryEnv(fx, home));
    try {
      (await watch(second, 1_000)).close();
    } finally {
      assert.equal((await second.stop('SIGTERM')).code, 0);
    }
    const rows = await rowsOf();
    assert.deepEqual(rows.map((r) => [r.id, r.status, Number(r.end_ms), r.reason]).slice(0, 1), [[left.id, 'error', Number(left.end_ms), ORPHANED_REASON]], 'closed in place, its end kept');
    // The second server's own rows: a segment may end in its second on air (aired) before the one the viewer leaves (truncated).
    assert.match(rows.slice(1).map((r) => r.status).join(','), /^(aired,)*truncated$/);
    assert.ok(rows.slice(1).every((r) => r.node_id !== left.node_id), 'each server writes under its own id');
  });

  test('D-30: the HDHomeRun DeviceID (one libhdhomerun accepts), DeviceAuth and UDN are made once in the database and stay the same across restarts', async () => {
    const home = mkdtempSync(join(tmpdir(), 'retrovue-serve-device-'));
    homes.push(home);
    const clip = await blockClip();
    await withBinaryDatabase(fx, home, (database) => seedPlayableNetwork(database.db, [{ id: 'retro1', clip }]));
    const identity = async () => {
      const serve = await startServe(['--port', '0', '--tuners', '1'], binaryEnv(fx, home));
      try {
        const discover = JSON.parse(await (await request(`${serve.url}/discover.json`)).body.text()) as Record<string, string>;
        const xml = await (await request(`${serve.url}/device.xml`)).body.text();
        return { deviceId: discover['DeviceID'], deviceAuth: discover['DeviceAuth'], udn: /<UDN>(.*)<\/UDN>/.exec(xml)?.[1] };
      } finally {
        const stopped = await serve.stop('SIGTERM');
        assert.equal(stopped.code, 0, stopped.stderr);
      }
    };
    const first = await identity();
    assert.ok(libhdhomerunAccepts(first.deviceId ?? ''), `hdhomerun_discover_validate_device_id rejects ${first.deviceId}`);
    assert.match(first.udn ?? '', /^uuid:[0-9a-f-]{36}$/);
    assert.equal(first.deviceAuth?.length, 24);
    assert.deepEqual(await identity(), first, 'the identity changed across a restart');
    await withBinaryDatabase(fx, home, async (database) => {
      const rows = await database.db.selectFrom('tuner_device').select(['device_id', 'device_auth', 'udn']).execute();
      assert.deepEqual(rows, [{ device_id: first.deviceId, device_auth: first.deviceAuth, udn: first.udn }]);
    });
  });
});

// Several nodes on one Postgres server (issue "Scale out"): what they register, and the as-run they write.
forEachDatabase((fx) => {
  test('D-70, D-71, D-72: two nodes register with their lock sessions and beat their heartbeats, a silent node is not forwarded to, an orderly stop deregisters; a run watched on both nodes is recorded once; across a kill -9 of the owner mid-segment its refreshed airing row is closed as an error by the taker, and the as-run has no duplicate, no overlap and no hole beyond the outage plus one refresh', { skip: fx.dialect !== 'postgres' && 'several nodes share a Postgres server' }, async () => {
    const db = fx.database.db;
    await seedPlayableNetwork(db, [{ id: 'retro1', clip: await blockClip() }]);
    await advanceHorizons(db, { ...defaultHorizon, nowMs: Date.now() });
    const url = binaryEnv(fx, '/nonexistent')['RETROVUE_DATABASE_URL'] as string;
    const a = await startNode(url, 'node-a');
    const b = await startNode(url, 'node-b');
    homes.push(a.home, b.home);
    const viewers: Viewer[] = [];
    try {
      // D-70: both registered under their lock sessions' backend pids, with their URLs; heartbeats advance.
      const rows = await db.selectFrom('runtime_node').selectAll().orderBy('name').execute();
      assert.deepEqual(rows.map((r) => [r.name, r.url]), [['node-a', a.url], ['node-b', b.url]]);
      const sessions = await sql<{ pid: number }>`select pid from pg_stat_activity where pid in (${sql.join(rows.map((r) => r.lock_pid))})`.execute(db);
      assert.equal(sessions.rows.length, 2, 'each lock_pid is a live session');
      await new Promise((resolve) => setTimeout(resolve, 2_600));
      const later = await db.selectFrom('runtime_node').select(['name', 'heartbeat_at']).orderBy('name').execute();
      assert.ok(later.every((r, i) => r.heartbeat_at.getTime() > (rows[i]?.heartbeat_at.getTime() ?? 0)), 'the heartbeat is beaten every 2 s');

      // D-71: a run watched on both nodes (the HLS lease too) is recorded once, by the owner.
      viewers.push(await tuneIn(`${a.url}/channel/retro1.ts`));
      await viewers[0]?.waitFor(188 * 300);
      viewers.push(await tuneIn(`${b.url}/channel/retro1.ts`));
      await viewers[1]?.waitFor(188 * 300);
      assert.equal((await fetchPlaylist(`${b.url}/channel/retro1.m3u8`)).status, 200);
      // D-70: an owner silent for 10 s is not forwarded to (its heartbeat put back; it beats again within 2 s).
      await db.updateTable('runtime_node').set({ heartbeat_at: new Date(Date.now() - 11_000) }).where('name', '=', 'node-a').execute();
      assert.equal((await request(`${b.url}/channel/retro1.ts`)).statusCode, 503);
      for (const v of viewers.splice(0)) v.close();
      const rowsOf = () => db.selectFrom('as_run').selectAll().where('channel_id', '=', 'retro1').orderBy('actual_start_ms').execute();
      let firstRun = await rowsOf();
      await until(() => firstRun.length > 0, 'the first run is recorded', 30_000, async () => {
        firstRun = await rowsOf();
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // Once, by the owner: every row node A's, one per event (a run of seconds may cross one 5-minute block's end).
      const recorded = await rowsOf();
      const ownerId = rows.find((r) => r.name === 'node-a')?.id;
      assert.deepEqual([...new Set(recorded.map((r) => r.node_id))], [ownerId], `a run watched on two nodes is recorded by its owner alone: ${JSON.stringify(recorded)}`);
      assert.equal(new Set(recorded.map((r) => r.playlog_event_id)).size, recorded.length, `a run watched on two nodes is recorded once: ${JSON.stringify(recorded)}`);
      assert.ok(recorded.length <= 2, `the first run spans at most one block boundary: ${JSON.stringify(recorded)}`);

      // The owner plays the channel again, watched through B too; its row airs, refreshed (D-72); then it dies
      // mid-segment, and B takes the channel.
      const nodeOf = new Map(rows.map((r) => [r.name, r.id]));
      viewers.push(await tuneIn(`${a.url}/channel/retro1.ts`));
      await viewers[0]?.waitFor(188 * 300);
      const proxied = await tuneIn(`${b.url}/channel/retro1.ts`);
      viewers.push(proxied);
      await proxied.waitFor(188 * 300);
      let inFlight = await rowsOf();
      const refreshed = () => inFlight.some((r) => r.status === 'airing' && r.node_id === nodeOf.get('node-a') && Number(r.end_ms) > Number(r.actual_start_ms));
      await until(refreshed, "the owner's airing row is refreshed", asRunTiming.refreshMs + 5_000, async () => {
        inFlight = await rowsOf();
      });
      await new Promise((resolve) => setTimeout(resolve, asRunTiming.refreshMs / 2));
      const killedAt = Date.now();
      a.child.kill('SIGKILL');
      await proxied.ended;
      const { viewer } = await tuneInUntilPlaying(`${b.url}/channel/retro1.ts`, 5_000);
      const takenAt = Date.now();
      viewers.push(viewer);
      await viewer.waitFor(188 * 800);
      for (const v of viewers) v.close();
      assert.equal((await b.stop('SIGTERM')).code, 0);
      assert.deepEqual((await db.selectFrom('runtime_node').select('name').execute()).map((r) => r.name), ['node-a'], 'an orderly stop deregisters; a killed node stays until forgotten');

      const asRun = await rowsOf();
      assert.equal(new Set(asRun.map((r) => `${r.playlog_event_id}@${r.actual_start_ms}`)).size, asRun.length, 'a segment recorded twice');
      assert.deepEqual(asRun.filter((r) => r.status === 'airing'), [], 'a row left airing');
      for (let i = 1; i < asRun.length; i++) {
        const [before, next] = [asRun[i - 1], asRun[i]];
        // A stopped run's end is where its stream got to, which leads the wall clock by the start burst at most.
        assert.ok(before !== undefined && next !== undefined && before.end_ms <= next.actual_start_ms + DEFAULT_START_BURST_MS + DEFAULT_LEAD_MS, `as-run rows overlap: ${JSON.stringify(asRun)}`);
      }
      // The dead owner's in-flight row: closed as an error by the taker, ending at its last refresh before the kill.
      const dead = asRun.filter((r) => r.node_id === nodeOf.get('node-a')).at(-1);
      const taken = asRun.find((r) => r.node_id === nodeOf.get('node-b'));
      assert.ok(dead !== undefined && taken !== undefined, JSON.stringify(asRun));
      assert.deepEqual([dead.status, dead.reason], ['error', ORPHANED_REASON]);
      const [deadEnd, takenStart] = [Number(dead.end_ms), Number(taken.actual_start_ms)];
      assert.ok(deadEnd <= killedAt && killedAt - deadEnd <= asRunTiming.refreshMs + 1_000, `the dead row ends ${killedAt - deadEnd} ms before the kill`);
      // The hole: from its last refresh to the taker's first row, no longer than the outage plus one refresh.
      const [hole, outage] = [takenStart - deadEnd, takenAt - killedAt];
      console.log(`as-run across the failover: hole of ${hole} ms (${killedAt - deadEnd} ms from the last refresh to the kill, ${takenStart - killedAt} ms from the kill to the taker's first row); outage ${outage} ms`);
      assert.ok(takenStart >= killedAt && takenStart - killedAt <= outage + 1_000, `the taker's first row starts ${takenStart - killedAt} ms after the kill`);
      assert.ok(hole <= outage + asRunTiming.refreshMs + 1_000, `hole of ${hole} ms: ${JSON.stringify(asRun)}`);
    } finally {
      for (const v of viewers) v.close();
      a.child.kill('SIGKILL');
      b.child.kill('SIGKILL');
    }
  });
});

forEachDatabase((fx) => {
  test('D-60, D-61: guide, lineup and tune-in routes read the database in as many queries at 30 channels as at 3; the guide\'s days are the stored ones of every enabled channel', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `ch${String(i + 1).padStart(2, '0')}`);
    await onAirNetwork(fx.database.db, ids);
    const counting = countingDb(fx.database.db);
    const director = await gatedDirector(new DbGate(counting.db, fx.dialect));
    const routes: ReadonlyArray<readonly [string, 'GET' | 'HEAD']> = [
      ['/epg.xml', 'GET'], ['/channels', 'GET'], ['/playlist.m3u', 'GET'], ['/lineup.json', 'GET'], ['/guide.json', 'GET'],
      ['/channel/ch01.ts', 'HEAD'], ['/auto/v1', 'HEAD'],
    ];
    const queriesPerRoute = async (): Promise<Record<string, number>> => {
      const counts: Record<string, number> = {};
      for (const [path, method] of routes) {
        const before = counting.count();
        const answer = await request(`${director.url}${path}`, { method });
        await answer.body.dump();
        assert.equal(answer.statusCode, 200, `${method} ${path}`);
        counts[`${method} ${path}`] = counting.count() - before;
      }
      return counts;
    };
    try {
      await fx.database.db.updateTable('channel').set({ enabled: false }).where('id', 'not in', ids.slice(0, 3)).execute();
      const atThree = await queriesPerRoute();
      await fx.database.db.updateTable('channel').set({ enabled: true }).execute();
      // A tune-in shares a plan check younger than CHECKED_PLAN_FRESH_MS (no query): let the first round's expire.
      await new Promise((resolve) => setTimeout(resolve, CHECKED_PLAN_FRESH_MS + 50));
      const atThirty = await queriesPerRoute();
      console.log(`queries per route (${fx.dialect}) at 3 channels: ${JSON.stringify(atThree)}; at 30: ${JSON.stringify(atThirty)}`);
      assert.deepEqual(atThirty, atThree);
      assert.ok(Object.values(atThree).every((n) => n > 0));
      const epg = await (await request(`${director.url}/epg.xml`)).body.text();
      assert.equal((epg.match(/<channel /g) ?? []).length, 30);
    } finally {
      await director.close();
    }
    // D-61: the set read gives every enabled channel's days exactly as channel by channel.
    const now = systemClock.now();
    const window = [now - 12 * 3_600_000, now + 8 * 86_400_000] as const;
    const one = (await Promise.all(ids.map((id) => loadScheduleDaysBetween(fx.database.db, id, ...window)))).flat();
    assert.ok(one.length >= 30);
    assert.deepEqual(await loadScheduleDaysOfChannels(fx.database.db, ids, ...window), one);
    // D-61 at the window's edges: a day ending where the window starts, or starting where it ends, is not in it.
    const first = one[0] as (typeof one)[number];
    for (const edge of [[first.coverEndMs, first.coverEndMs + 3_600_000], [first.coverStartMs - 3_600_000, first.coverStartMs]] as const) {
      const byChannel = (await Promise.all(ids.map((id) => loadScheduleDaysBetween(fx.database.db, id, ...edge)))).flat();
      assert.deepEqual(await loadScheduleDaysOfChannels(fx.database.db, ids, ...edge), byChannel, `window ${edge.join('..')}`);
    }
  });
});

forEachDatabase((fx) => {
  test('D-70: the owner of a channel is a node whose heartbeat is younger than 10 s; a silent holder is nobody to forward to', { skip: fx.dialect !== 'postgres' && 'nodes register on a Postgres server only' }, async () => {
    const config = fx.database.config;
    if (config.dialect !== 'postgres') return;
    const [holder, asker] = [await openLockSession(config.url), await openLockSession(config.url)];
    try {
      const node = { id: randomUUID(), name: 'holder', url: 'http://10.0.0.1:8000' };
      await registerNode(holder, node);
      assert.equal(await tryLockChannel(holder, 'retro1'), true);
      assert.deepEqual(await channelOwner(asker, 'retro1', ownershipTiming.staleMs), node);
      await fx.database.db.updateTable('runtime_node').set({ heartbeat_at: new Date(Date.now() - 11_000) }).where('id', '=', node.id).execute();
      assert.equal(await channelOwner(asker, 'retro1', ownershipTiming.staleMs), null);
    } finally {
      for (const client of [holder, asker]) await client.end().catch(() => {});
    }
  });
});

test('D-74: a line the full disk takes only part of is cut off: the as-run file ends with its last whole record, the failure is logged once, and the next record after space returns is whole', { skip: smallDiskRefusal() ?? false }, () => {
  const disk = mountSmallDisk(1);
  try {
    const log = recordingLogger();
    const asRun = new AsRunLog({ dir: disk.dir, db: null, log });
    const at = Date.parse('2026-12-06T10:00:00Z');
    const record = (title: string): AsRunRecord => ({
      channelId: 'retro1', playlogEventId: null, assetId: null, title, scheduledStartMs: at, actualStartMs: at, endMs: at + 1000, inPointMs: 0, status: 'aired', reason: null,
    });
    // The first line ends 100 bytes short of a 4 KiB page: the full disk still takes 100 bytes of the next.
    const short = asRunLine(record('')).length + 1;
    asRun.close(null, record('x'.repeat(4096 - 100 - short)));
    const file = asRunFileOf(disk.dir, 'retro1', at);
    assert.equal(statSync(file).size, 4096 - 100);
    disk.fill();
    asRun.close(null, record('Cut short'));
    asRun.close(null, record('Cut short again'));
    assert.equal(statSync(file).size, 4096 - 100, 'the part of a line written is cut off');
    assert.deepEqual(log.lines.filter((l) => /disk full at/.test(l.message)).map((l) => l.level), ['error'], 'logged once');
    disk.free();
    asRun.close(null, record('Whole again'));
    const titles = readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { title: string }).title);
    assert.deepEqual(titles.map((t) => t.slice(0, 11)), ['xxxxxxxxxxx', 'Whole again']);
    assert.equal(log.lines.filter((l) => /works again/.test(l.message)).length, 1);
  } finally {
    disk.unmount();
  }
});

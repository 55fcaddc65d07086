// Data contract tests for `retrovue runtime serve` (contracts/runtime/serve.yaml): what the server writes
// while it serves — the as-run log (table and files) and the horizons — checked in the database after it stops;
// and how it reaches the database (the DbGate's turns, queries per route), checked in process on a real database.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { loadScheduleDaysBetween, loadScheduleDaysOfChannels } from '../../../src/scheduling/schedule-day/schedule-day-repository.js';
import { DbGate } from '../../../src/runtime/db-gate.js';
import { systemClock } from '../../../src/core/clock.js';
import { countingDb, gatedDirector, onAirNetwork } from '../../support/db-gate-runtime.js';

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
  });
});

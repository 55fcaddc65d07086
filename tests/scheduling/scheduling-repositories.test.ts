// Scheduling persistence on both databases: definitions round-trip, horizons build and expand exactly what
// the pure resolver gives, the database itself refuses gaps, overlaps and edits of built rows, two
// processes advancing at once build each day once, rebuilds respect days on air, ProductionSafety holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/open-database.js';
import type { Schema } from '../../src/db/schema.js';
import type { Kysely } from 'kysely';
import { addDays } from '../../src/scheduling/time/civil-date.js';
import { findChannel } from '../../src/scheduling/channel/channel-repository.js';
import { advanceChannelHorizon, advanceHorizons, loadHorizonInputs, rebuildScheduleDays } from '../../src/scheduling/horizon/horizon.js';
import { loadHorizonStatus } from '../../src/scheduling/horizon/horizon-repository.js';
import { assignInterstitials } from '../../src/scheduling/library/interstitial-repository.js';
import { expandScheduleDays } from '../../src/scheduling/playlog/playlog-expander.js';
import { insertPlaylogEvents, lastPlaylogEvent, loadPlaylog } from '../../src/scheduling/playlog/playlog-repository.js';
import { insertProgram, loadSchedulingLibrary } from '../../src/scheduling/library/program-repository.js';
import { insertSyntheticAsset, insertVirtualAsset } from '../../src/scheduling/library/schedulable-asset-repository.js';
import { resolveScheduleDay } from '../../src/scheduling/schedule-day/schedule-day-resolver.js';
import { insertScheduleDay, loadScheduleDay, loadScheduleDays, pruneScheduleDaysBefore } from '../../src/scheduling/schedule-day/schedule-day-repository.js';
import { insertSchedulePlan, insertZone, loadChannelPlans, updateZone } from '../../src/scheduling/plans/schedule-plan-repository.js';
import { type ScheduleDay, slotsOf } from '../../src/scheduling/schedule-day/schedule-day.js';
import { scheduleChannelOf } from '../../src/scheduling/time/grid.js';
import { interstitialPoolOf, listInterstitials } from '../../src/scheduling/library/interstitial-repository.js';
import { cli } from '../support/cli.js';
import { forEachDatabase } from '../support/test-databases.js';
import { seedCatalog, seedChannel } from './scheduling-db-fixtures.js';

const now = Date.parse('2025-03-07T15:00:00Z'); // Friday 10:00 in New York; Sunday the 9th springs forward
const horizon = { epgDays: 3, playlogHours: 6, nowMs: now };
const minutes = (n: number) => n * 60;

async function seedNetwork(db: Kysely<Schema>) {
  const catalog = await seedCatalog(
    db,
    ['Series', 'Movies', 'Bumpers', 'Commercials', 'IDs'],
    [
      ...Array.from({ length: 10 }, (_, i) => ({ key: `sitcom-${i + 1}`, collection: 'Series', seconds: minutes(22), series: 'Sitcom', season: 1, episode: i + 1, chaptersAt: [minutes(7), minutes(15)] })),
      { key: 'movie-a', collection: 'Movies', seconds: minutes(95), kind: 'movie' },
      { key: 'movie-b', collection: 'Movies', seconds: minutes(131), kind: 'movie' },
      { key: 'movie-c', collection: 'Movies', seconds: minutes(88), kind: 'movie' },
      { key: 'bumper-1', collection: 'Bumpers', seconds: 10, kind: 'bumper' },
      { key: 'ad-1', collection: 'Commercials', seconds: 30, kind: 'commercial' },
      { key: 'ad-2', collection: 'Commercials', seconds: 60, kind: 'commercial' },
      { key: 'id-1', collection: 'IDs', seconds: 5, kind: 'station-id' },
    ],
  );
  await seedChannel(db, 'retro1');
  const sitcom = await insertProgram(db, {
    name: 'Sitcom',
    kind: 'series',
    playMode: 'sequential',
    allowBreaks: true,
    assetChain: [{ kind: 'series', series: 'Sitcom', season: null, collectionId: catalog.collections['Series'] as string }],
    description: null,
    categories: ['Comedy'],
  });
  const movies = await insertProgram(db, {
    name: 'Movies',
    kind: 'movie',
    playMode: 'shuffle',
    allowBreaks: false,
    assetChain: [{ kind: 'collection', collectionId: catalog.collections['Movies'] as string }],
    description: 'Feature films',
    categories: [],
  });
  const ident = await insertSyntheticAsset(db, { name: 'Ident', kind: 'station-id', durationMs: 10_000, text: 'Retro One' });
  const short = await insertVirtualAsset(db, {
    name: 'Short movie',
    rule: { collectionId: catalog.collections['Movies'] as string, series: null, kinds: ['movie'], tags: [], minDurationMs: null, maxDurationMs: 100 * 60_000, unplayed: true, order: 'random' },
  });
  const block = await insertProgram(db, {
    name: 'Block',
    kind: 'block',
    playMode: 'sequential',
    allowBreaks: false,
    assetChain: [{ kind: 'program', programId: sitcom.id }, { kind: 'synthetic', syntheticAssetId: ident.id }, { kind: 'virtual', virtualAssetId: short.id }],
    description: null,
    categories: [],
  });
  const plan = await insertSchedulePlan(db, { channelId: 'retro1', name: 'base', daysOfWeek: null, startDate: null, endDate: null, priority: 0 });
  const morning = await insertZone(db, plan.id, { name: 'Morning', startMinute: 0, endMinute: 360, daysOfWeek: null, items: [{ kind: 'program', programId: sitcom.id }] });
  await insertZone(db, plan.id, { name: 'Afternoon', startMinute: 360, endMinute: 720, daysOfWeek: [1, 2, 3, 4, 5], items: [{ kind: 'program', programId: block.id }] });
  await insertZone(db, plan.id, { name: 'Prime', startMinute: 840, endMinute: 1020, daysOfWeek: null, items: [{ kind: 'program', programId: movies.id }, { kind: 'asset', assetId: catalog.assets['movie-c'] as string }] });
  for (const [name, role] of [['Bumpers', 'bumper'], ['Commercials', 'commercial'], ['IDs', 'station-id']] as const) {
    await assignInterstitials(db, { channelId: 'retro1', collectionId: catalog.collections[name] as string, role });
  }
  return { catalog, sitcom, movies, block, ident, short, plan, morning };
}

function assertContiguous(events: readonly { startMs: number; endMs: number }[]): void {
  events.forEach((e, i) => {
    assert.ok(e.endMs > e.startMs);
    if (i > 0) assert.equal(e.startMs, events[i - 1]?.endMs);
  });
}

forEachDatabase((fx) => {
  const db = () => fx.database.db;

  test('definitions round-trip: plans with zones and their items, programs with their chains, virtual and synthetic assets', async () => {
    const net = await seedNetwork(db());
    const [plan] = await loadChannelPlans(db(), 'retro1');
    assert.deepEqual(
      plan?.zones.map((z) => [z.name, z.startMinute, z.endMinute, z.daysOfWeek, z.items]),
      [
        ['Morning', 0, 360, null, [{ kind: 'program', programId: net.sitcom.id }]],
        ['Afternoon', 360, 720, [1, 2, 3, 4, 5], [{ kind: 'program', programId: net.block.id }]],
        ['Prime', 840, 1020, null, [{ kind: 'program', programId: net.movies.id }, { kind: 'asset', assetId: net.catalog.assets['movie-c'] }]],
      ],
    );
    const library = await loadSchedulingLibrary(db());
    assert.deepEqual(library.programs.get(net.block.id), net.block);
    assert.deepEqual(library.programs.get(net.sitcom.id), net.sitcom);
    assert.deepEqual(library.virtualAssets.get(net.short.id), net.short);
    assert.deepEqual(library.syntheticAssets.get(net.ident.id), net.ident);
    await updateZone(db(), net.morning.id, { items: [], name: 'Early' });
    assert.deepEqual((await loadChannelPlans(db(), 'retro1'))[0]?.zones[0]?.items, []);
  });

  test('horizon advance builds today and 3 more days and a playlog 6 h ahead, exactly what the pure resolver and expander give; a second run builds nothing', async () => {
    await seedNetwork(db());
    const [report] = await advanceHorizons(db(), horizon);
    assert.deepEqual(report?.builtDays, ['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10']);
    assert.deepEqual(report?.expandedDays, ['2025-03-07']);
    assert.equal(report?.scheduleThrough, '2025-03-10');

    const stored = await loadScheduleDays(db(), 'retro1', '2025-03-01', '2025-03-31');
    const inputs = await loadHorizonInputs(db());
    const plans = await loadChannelPlans(db(), 'retro1');
    const channel = scheduleChannelOf((await findChannel(db(), 'retro1'))!);
    const expected: ScheduleDay[] = [];
    for (let i = 0; i < 4; i++) {
      expected.push(resolveScheduleDay({ channel, date: addDays('2025-03-07', i), plans, ...inputs, seed: 'retro1', carryIn: expected[i - 1]?.carryOut ?? null }));
    }
    assert.deepEqual(stored, expected);
    // The programming day of Saturday the 8th runs 06:00 EST → 06:00 EDT: 23 hours.
    assert.deepEqual(stored.map((d) => (d.dayEndMs - d.dayStartMs) / 3_600_000), [24, 23, 24, 24]);
    // Sequential progress across days: each morning continues the sitcom where the last left off.
    const sitcoms = stored.flatMap(slotsOf).filter((s) => s.zoneName === 'Morning').map((s) => s.guide.subtitle);
    assert.deepEqual(sitcoms.slice(0, 12), ['sitcom-1', 'sitcom-2', 'sitcom-3', 'sitcom-4', 'sitcom-5', 'sitcom-6', 'sitcom-7', 'sitcom-8', 'sitcom-9', 'sitcom-10', 'sitcom-1', 'sitcom-2']);

    const events = await loadPlaylog(db(), 'retro1', 0, Number.MAX_SAFE_INTEGER);
    assertContiguous(events);
    const pool = interstitialPoolOf(await listInterstitials(db(), 'retro1'), inputs.catalog);
    assert.deepEqual(events, expandScheduleDays([expected[0] as ScheduleDay], { pool, seed: 'retro1' }));
    assert.ok((events[events.length - 1]?.endMs ?? 0) >= now + 6 * 3_600_000);
    assert.ok(events.some((e) => e.role === 'interstitial'), 'avails carry bumpers and commercials');

    const [again] = await advanceHorizons(db(), horizon);
    assert.deepEqual([again?.builtDays, again?.expandedDays], [[], []]);
    assert.deepEqual(await loadScheduleDays(db(), 'retro1', '2025-03-01', '2025-03-31'), stored);

    // A day later the horizon moves by one day, continuing the chains.
    const [next] = await advanceHorizons(db(), { ...horizon, nowMs: now + 86_400_000 });
    assert.deepEqual(next?.builtDays, ['2025-03-11']);
    assertContiguous(await loadPlaylog(db(), 'retro1', 0, Number.MAX_SAFE_INTEGER));
    const status = await loadHorizonStatus(db());
    assert.deepEqual(status.map((s) => [s.channelId, s.scheduleThrough, s.advancedAtMs]), [['retro1', '2025-03-11', now + 86_400_000]]);
  });

  test('a pass that finds a channel built far enough (settled in a batch) reports and records exactly what advancing that channel alone gives', async () => {
    await seedNetwork(db());
    await advanceHorizons(db(), horizon);
    const later = { ...horizon, nowMs: now + 60_000 };
    const statusOf = async () => (await loadHorizonStatus(db())).map((s) => [s.channelId, s.scheduleThrough, s.playlogEndMs, s.advancedAtMs]);
    const [settled] = await advanceHorizons(db(), later);
    const settledStatus = await statusOf();
    const channel = (await findChannel(db(), 'retro1'))!;
    const inputs = await loadHorizonInputs(db());
    const alone = await db().transaction().execute((trx) => advanceChannelHorizon(trx, channel, inputs, later));
    assert.deepEqual(settled, alone);
    assert.deepEqual(settledStatus, await statusOf());
    assert.deepEqual(settledStatus, [['retro1', '2025-03-10', alone.playlogThroughMs, later.nowMs]]);
  });

  test('the database refuses a gap, an overlap, a second root, a day built twice and any edit of built rows', async () => {
    await seedNetwork(db());
    await advanceHorizons(db(), horizon);
    const tail = (await lastPlaylogEvent(db(), 'retro1'))!;
    const event = { channel_id: 'retro1', programming_day: tail.programmingDay, role: 'filler', source_kind: 'synthetic', synthetic_kind: 'slate', title: 'x' };
    const refused = (values: Record<string, unknown>) =>
      assert.rejects(db().transaction().execute((trx) => trx.insertInto('playlog_event').values(values as never).execute()));
    await refused({ ...event, start_ms: tail.endMs + 1000, end_ms: tail.endMs + 2000, previous_end_ms: tail.endMs + 1000 }); // gap
    await refused({ ...event, start_ms: tail.endMs - 1000, end_ms: tail.endMs + 2000, previous_end_ms: tail.endMs - 1000 }); // overlap
    await refused({ ...event, start_ms: tail.endMs + 5000, end_ms: tail.endMs + 6000, previous_end_ms: null }); // a second root
    await refused({ ...event, start_ms: tail.endMs, end_ms: tail.endMs + 6000, previous_end_ms: tail.endMs - 1 }); // a wrong link
    // The repositories say so in one line before the database has to.
    const gap = { id: 'retro1@1', channelId: 'retro1', startMs: tail.endMs + 1, endMs: tail.endMs + 2, role: 'filler' as const, source: { kind: 'synthetic' as const, synthetic: 'slate' as const }, title: 'x' };
    await assert.rejects(insertPlaylogEvents(db(), 'retro1', tail.programmingDay, [gap]), /do not continue its playlog, which ends/);
    const built = (await loadScheduleDay(db(), 'retro1', '2025-03-08'))!;
    await assert.rejects(insertScheduleDay(db(), built), /schedule day 2025-03-08 of channel "retro1" is already built; rebuild it with --force/);
    await assert.rejects(sql`update schedule_day set seed = 'other' where channel_id = 'retro1'`.execute(db()), /schedule_day rows are immutable once built/);
    await assert.rejects(sql`update schedule_slot set title = 'other'`.execute(db()), /schedule_slot rows are immutable once built/);
    await assert.rejects(sql`update playlog_event set title = 'other'`.execute(db()), /playlog_event rows are immutable once built/);
    // Deleting a day in the middle would leave a gap: refused at commit.
    await assert.rejects(db().transaction().execute((trx) => trx.deleteFrom('schedule_day').where('programming_day', '=', '2025-03-08').execute()));
    assertContiguous(await loadPlaylog(db(), 'retro1', 0, Number.MAX_SAFE_INTEGER));
  });

  test('a channel whose plan is refused reports why and does not stop the other channels', async () => {
    const net = await seedNetwork(db());
    await seedChannel(db(), 'broken');
    const bad = await insertSchedulePlan(db(), { channelId: 'broken', name: 'bad', daysOfWeek: null, startDate: null, endDate: null, priority: 0 });
    await insertZone(db(), bad.id, { name: 'A', startMinute: 0, endMinute: 120, daysOfWeek: null, items: [{ kind: 'program', programId: net.sitcom.id }] });
    await insertZone(db(), bad.id, { name: 'B', startMinute: 60, endMinute: 180, daysOfWeek: null, items: [] });
    const reports = await advanceHorizons(db(), horizon);
    assert.deepEqual(
      reports.map((r) => [r.channelId, r.error, r.builtDays.length]),
      [
        ['broken', 'zones "A" (06:00–08:00) and "B" (07:00–09:00) of plan "bad" overlap on every day; zones of one plan must not overlap', 0],
        ['retro1', null, 4],
      ],
    );
    assert.deepEqual(await loadScheduleDays(db(), 'broken', '2025-03-01', '2025-03-31'), []);
  });

  test('two processes advancing the horizon at once build each day and each event once', async () => {
    await seedNetwork(db());
    const second = fx.dialect === 'postgres' ? await openDatabase(fx.database.config) : fx.database;
    try {
      const [a, b] = await Promise.all([advanceHorizons(db(), horizon), advanceHorizons(second.db, horizon)]);
      assert.deepEqual([...(a[0]?.builtDays ?? []), ...(b[0]?.builtDays ?? [])].sort(), ['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10']);
      const days = await db().selectFrom('schedule_day').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      assert.equal(days.n, 4);
      assertContiguous(await loadPlaylog(db(), 'retro1', 0, Number.MAX_SAFE_INTEGER));
    } finally {
      if (second !== fx.database) await second.close();
    }
  });

  test('the rebuild (schedule-day build --force) refuses a day on air, and rebuilds later days from changed plans with the playlog as far and contiguous', async () => {
    const net = await seedNetwork(db());
    await advanceHorizons(db(), horizon);
    const channel = (await findChannel(db(), 'retro1'))!;
    const inputs = await loadHorizonInputs(db());
    await assert.rejects(
      db().transaction().execute((trx) => rebuildScheduleDays(trx, channel, inputs, { from: '2025-03-07', through: '2025-03-07', nowMs: horizon.nowMs })),
      /schedule day 2025-03-07 of channel "retro1" started airing at 2025-03-07T11:00:00.000Z; a day that has started can never be rebuilt \(the first that can is 2025-03-08\)/,
    );
    await updateZone(db(), net.morning.id, { items: [{ kind: 'synthetic', syntheticAssetId: net.ident.id }] });
    const before = await loadScheduleDays(db(), 'retro1', '2025-03-07', '2025-03-08');
    const playlogEnd = (await loadPlaylog(db(), 'retro1', 0, Number.MAX_SAFE_INTEGER)).at(-1)?.endMs;
    const rebuiltDays = await db().transaction().execute((trx) => rebuildScheduleDays(trx, channel, inputs, { from: '2025-03-09', through: '2025-03-09', nowMs: horizon.nowMs }));
    assert.deepEqual(rebuiltDays.days, ['2025-03-09', '2025-03-10']); // as far as the days reached before
    assert.deepEqual(await loadScheduleDays(db(), 'retro1', '2025-03-07', '2025-03-08'), before);
    const rebuilt = (await loadScheduleDay(db(), 'retro1', '2025-03-09'))!;
    assert.equal(slotsOf(rebuilt).find((s) => s.zoneName === 'Morning')?.guide.title, 'Ident');
    assert.equal(rebuilt.coverStartMs, before[1]?.coverEndMs);
    const events = await loadPlaylog(db(), 'retro1', 0, Number.MAX_SAFE_INTEGER);
    assertContiguous(events);
    assert.ok((events.at(-1)?.endMs ?? 0) >= (playlogEnd ?? Infinity), 'the playlog reaches at least as far as before');
  });

  test('pruning days before a date re-roots both chains, and the horizon keeps advancing', async () => {
    await seedNetwork(db());
    await advanceHorizons(db(), horizon);
    await advanceHorizons(db(), { ...horizon, nowMs: now + 2 * 86_400_000 });
    assert.equal(await db().transaction().execute((trx) => pruneScheduleDaysBefore(trx, 'retro1', '2025-03-09')), 2);
    const roots = await sql<{ t: string; n: number }>`select 'day' as t, count(*)::int as n from schedule_day where previous_end_ms is null
      union all select 'event', count(*)::int from playlog_event where previous_end_ms is null`.execute(db());
    assert.deepEqual(roots.rows, [{ t: 'day', n: 1 }, { t: 'event', n: 1 }]);
    const [report] = await advanceHorizons(db(), { ...horizon, nowMs: now + 3 * 86_400_000 });
    assert.deepEqual(report?.builtDays, ['2025-03-13']);
    assertContiguous(await loadPlaylog(db(), 'retro1', 0, Number.MAX_SAFE_INTEGER));
  });

  test('ProductionSafety: a source whose assets or collections a schedule or program uses cannot be removed, even with --force', async () => {
    await seedNetwork(db());
    await advanceHorizons(db(), horizon);
    const run = await cli(['source', 'remove', 'lib', '--force'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /^retrovue: error: source "lib" is in use: \d+ asset\(s\) referenced by playlog_event, \d+ asset\(s\) referenced by schedule_slot, \d+ asset\(s\) referenced by zone_item, 3 collection\(s\) referenced by channel_interstitial, 2 collection\(s\) referenced by program_link, 1 collection\(s\) referenced by virtual_asset; remove those references first \(--force does not override this\)\n$/);
    const left = await db().selectFrom('asset').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    assert.equal(left.n, 17);
  });
});

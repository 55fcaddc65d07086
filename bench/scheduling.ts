// Scheduling at network scale: 100 channels × 14 days resolved from a 5,000-asset catalog and persisted,
// on embedded PGlite and on the Postgres server; then the XMLTV export of 100 channels × 7 days. Each
// figure is printed beside a floor measured in the same run: the pure resolution in memory, a bulk insert
// of the same rows into an unconstrained table, and JSON.stringify of the same guide.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/db/open-database.js';
import type { Schema } from '../src/db/schema.js';
import { openThrowawayDatabase } from '../src/db/throwaway-database.js';
import { tmpdir } from 'node:os';
import { insertChannel } from '../src/scheduling/channel/channel-repository.js';
import { addDays } from '../src/scheduling/time/civil-date.js';
import { epgChannelOf, guideProgrammes } from '../src/scheduling/epg/epg-guide.js';
import { firstAiringsOf } from '../src/scheduling/epg/first-airing-repository.js';
import { scheduleChannelOf } from '../src/scheduling/time/grid.js';
import { advanceHorizons, loadHorizonInputs } from '../src/scheduling/horizon/horizon.js';
import { assignInterstitials } from '../src/scheduling/library/interstitial-repository.js';
import { insertProgram } from '../src/scheduling/library/program-repository.js';
import { insertVirtualAsset } from '../src/scheduling/library/schedulable-asset-repository.js';
import type { Program } from '../src/scheduling/library/schedulable-asset.js';
import { resolveScheduleDay } from '../src/scheduling/schedule-day/schedule-day-resolver.js';
import type { ScheduleDay } from '../src/scheduling/schedule-day/schedule-day.js';
import { slotsOf } from '../src/scheduling/schedule-day/schedule-day.js';
import { loadScheduleDays } from '../src/scheduling/schedule-day/schedule-day-repository.js';
import { scheduleSlotColumns, scheduleSlotRows } from '../src/scheduling/schedule-day/schedule-slot-repository.js';
import { insertUnnest } from '../src/db/unnest-insert.js';
import { insertSchedulePlan, insertZone, loadChannelPlans } from '../src/scheduling/plans/schedule-plan-repository.js';
import { renderXmltv } from '../src/scheduling/epg/xmltv-renderer.js';
import { ms } from './measure.js';

const serverUrl = process.env['RETROVUE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
// RETROVUE_BENCH_CHANNELS / RETROVUE_BENCH_DATABASES (pglite,postgres) cut the bench down while iterating.
const channelCount = Number(process.env['RETROVUE_BENCH_CHANNELS'] ?? 100);
const benchDatabases = (process.env['RETROVUE_BENCH_DATABASES'] ?? 'pglite,postgres').split(',');
const days = 14;
const guideDays = 7;
const firstDay = '2025-03-05';
const nowMs = Date.parse('2025-03-05T17:00:00Z'); // every channel's first day is on air
const timezones = ['America/New_York', 'Europe/London', 'UTC', 'America/Los_Angeles', 'Australia/Sydney'];

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/** 50 series × 80 episodes, 800 movies, 100 bumpers, 100 commercials: 5,000 assets. */
export async function seedCatalog(db: Kysely<Schema>): Promise<{ series: string[]; collections: Record<string, string> }> {
  const source = await db.insertInto('source').values({ name: 'bench', type: 'filesystem', config: '{}' }).returning('id').executeTakeFirstOrThrow();
  const collections: Record<string, string> = {};
  for (const name of ['Series', 'Movies', 'Bumpers', 'Commercials']) {
    collections[name] = (await db.insertInto('collection').values({ source_id: source.id, external_key: name, name, source_path: `/bench/${name}` }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const rows: Array<Parameters<ReturnType<Kysely<Schema>['insertInto']>['values']>[0]> = [];
  const asset = (collection: string, key: string, seconds: number, extra: Record<string, unknown>) =>
    rows.push({
      collection_id: collections[collection] as string,
      path: `/bench/${collection}/${key}.mkv`,
      relative_path: `${collection}/${key}.mkv`,
      size_bytes: 1,
      mtime_ms: 1,
      state: 'ready',
      duration_ms: seconds * 1000,
      title: key,
      chapters: JSON.stringify(seconds > 600 ? [{ startMs: 0, endMs: 420_000 }, { startMs: 420_000, endMs: seconds * 1000 }] : []),
      ...extra,
    } as never);
  const series = Array.from({ length: 50 }, (_, s) => `Series ${s}`);
  series.forEach((name, s) => {
    for (let e = 1; e <= 80; e++) asset('Series', `s${s}e${e}`, (s % 2 === 0 ? 22 : 44) * 60 + (e % 7), { kind: 'episode', series: name, season: 1 + Math.floor(e / 25), episode: e });
  });
  for (let m = 0; m < 800; m++) asset('Movies', `movie${m}`, (80 + (m % 71)) * 60 + (m % 13), { kind: 'movie', year: 1950 + (m % 60) });
  for (let b = 0; b < 100; b++) asset('Bumpers', `bumper${b}`, 5 + (b % 11), { kind: 'bumper' });
  for (let c = 0; c < 100; c++) asset('Commercials', `ad${c}`, [15, 30, 45, 60][c % 4] as number, { kind: 'commercial' });
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('asset').values(rows.slice(i, i + 500) as never).execute();
  return { series, collections };
}

export async function seedChannels(db: Kysely<Schema>, catalog: { series: string[]; collections: Record<string, string> }): Promise<void> {
  const seriesPrograms: Program[] = [];
  for (const name of catalog.series) {
    seriesPrograms.push(
      await insertProgram(db, {
        name,
        kind: 'series',
        playMode: 'sequential',
        allowBreaks: true,
        assetChain: [{ kind: 'series', series: name, season: null, collectionId: null }],
        description: null,
        categories: ['Comedy'],
      }),
    );
  }
  const movies = await insertProgram(db, {
    name: 'Movies',
    kind: 'movie',
    playMode: 'shuffle',
    allowBreaks: false,
    assetChain: [{ kind: 'collection', collectionId: catalog.collections['Movies'] as string }],
    description: null,
    categories: ['Film'],
  });
  const shortMovie = await insertVirtualAsset(db, {
    name: 'Short movie',
    rule: { collectionId: catalog.collections['Movies'] as string, series: null, kinds: [], tags: [], minDurationMs: null, maxDurationMs: 100 * 60_000, unplayed: true, order: 'random' },
  });
  const program = (i: number) => ({ kind: 'program' as const, programId: (seriesPrograms[i % seriesPrograms.length] as Program).id });
  for (let c = 0; c < channelCount; c++) {
    const id = `bench${c}`;
    await insertChannel(db, {
      id,
      name: `Bench ${c}`,
      number: String(c + 1),
      grid_block_minutes: [30, 30, 60, 15][c % 4] as number,
      block_start_offsets_minutes: [0],
      programming_day_start: c % 3 === 0 ? '05:00' : '06:00',
      timezone: timezones[c % timezones.length] as string,
    });
    const plan = await insertSchedulePlan(db, { channelId: id, name: 'base', daysOfWeek: null, startDate: null, endDate: null, priority: 0 });
    await insertZone(db, plan.id, { name: 'Morning', startMinute: 0, endMinute: 360, daysOfWeek: null, items: [program(c), program(c + 1)] });
    await insertZone(db, plan.id, { name: 'Afternoon', startMinute: 360, endMinute: 720, daysOfWeek: null, items: [program(c + 2)] });
    await insertZone(db, plan.id, { name: 'Prime', startMinute: 840, endMinute: 1080, daysOfWeek: null, items: [{ kind: 'program', programId: movies.id }] });
    await insertZone(db, plan.id, { name: 'Late', startMinute: 1080, endMinute: 1440, daysOfWeek: null, items: [{ kind: 'virtual', virtualAssetId: shortMovie.id }, program(c + 3)] });
    await assignInterstitials(db, { channelId: id, collectionId: catalog.collections['Bumpers'] as string, role: 'bumper' });
    await assignInterstitials(db, { channelId: id, collectionId: catalog.collections['Commercials'] as string, role: 'commercial' });
  }
}

/** Pure resolution of every channel's 14 days, in memory: the computing floor. */
async function resolveInMemory(db: Kysely<Schema>): Promise<ScheduleDay[]> {
  const inputs = await loadHorizonInputs(db);
  const channels = await db.selectFrom('channel').selectAll().orderBy('id').execute();
  const plans = new Map<string, Awaited<ReturnType<typeof loadChannelPlans>>>();
  for (const channel of channels) plans.set(channel.id, await loadChannelPlans(db, channel.id));
  const resolved: ScheduleDay[] = [];
  const start = performance.now();
  for (const channel of channels) {
    let carryIn = null;
    for (let i = 0; i < days; i++) {
      const day: ScheduleDay = resolveScheduleDay({ channel: scheduleChannelOf(channel), date: addDays(firstDay, i), plans: plans.get(channel.id) ?? [], ...inputs, seed: channel.id, carryIn });
      resolved.push(day);
      carryIn = day.carryOut;
    }
  }
  console.log(`  pure resolve (in memory, floor):    ${ms(performance.now() - start)} for ${resolved.length} days, ${resolved.flatMap(slotsOf).length} slots`);
  return resolved;
}

/** The same slot rows bulk-inserted the same way into a table without constraints, indexes or triggers: the writing floor. */
async function insertFloor(db: Kysely<Schema>, resolved: readonly ScheduleDay[]): Promise<number> {
  await sql`create table bench_floor as select * from schedule_slot with no data`.execute(db);
  const rows = scheduleSlotRows(resolved);
  const { ms: elapsed } = await timed(() => db.transaction().execute((trx) => insertUnnest(trx, 'bench_floor', scheduleSlotColumns, rows)));
  await sql`drop table bench_floor`.execute(db);
  return elapsed;
}

async function benchOn(label: string, database: Database): Promise<void> {
  const db = database.db;
  const catalog = await seedCatalog(db);
  await seedChannels(db, catalog);
  console.log(`scheduling, ${label}: ${channelCount} channels × ${days} days, 5,000 assets`);
  const resolved = await resolveInMemory(db);
  const floorMs = await insertFloor(db, resolved);
  console.log(`  the same slot rows into an unconstrained table (floor): ${ms(floorMs)}`);
  const advance = await timed(() => advanceHorizons(db, { epgDays: days - 1, playlogHours: null, nowMs }));
  const built = advance.value.reduce((n, r) => n + r.builtDays.length, 0);
  console.log(`  resolve + persist (horizon advance, schedules only): ${ms(advance.ms)} for ${built} days (target < 5 s on the server)`);
  const playlog = await timed(() => advanceHorizons(db, { epgDays: days - 1, playlogHours: 6, nowMs }));
  const events = await db.selectFrom('playlog_event').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  console.log(`  then the playlog 6 h ahead (${playlog.value.reduce((n, r) => n + r.expandedDays.length, 0)} channel-days expanded, ${events.n} events): ${ms(playlog.ms)}`);

  const channels = (await db.selectFrom('channel').selectAll().execute()).map((c) => epgChannelOf(c));
  const load = await timed(async () => {
    const all: ScheduleDay[] = [];
    for (const c of channels) all.push(...(await loadScheduleDays(db, c.id, firstDay, addDays(firstDay, guideDays - 1))));
    return all;
  });
  const airings = await timed(() => firstAiringsOf(db, load.value));
  const guide = guideProgrammes(load.value, airings.value);
  const render = await timed(() => renderXmltv(channels, guide));
  const floor = await timed(() => JSON.stringify(guide));
  console.log(`  XMLTV export, ${channelCount} channels × ${guideDays} days: render ${ms(render.ms)} (target < 0.5 s), ${(render.value.length / 1e6).toFixed(1)} MB, ${guide.length} programmes`);
  console.log(`    load the days from the database: ${ms(load.ms)}, first airings: ${ms(airings.ms)}; JSON.stringify of the same programmes (floor): ${ms(floor.ms)}`);
}

export async function benchScheduling(): Promise<void> {
  if (benchDatabases.includes('pglite')) await benchEmbedded();
  if (benchDatabases.includes('postgres')) await benchServer();
}

async function benchEmbedded(): Promise<void> {
  const embedded = await openThrowawayDatabase({ dialect: 'pglite', dataDir: 'memory://' }, { cacheDir: tmpdir() });
  try {
    await benchOn('embedded PGlite', embedded);
  } finally {
    await embedded.close();
  }
}

async function benchServer(): Promise<void> {
  const server = await openThrowawayDatabase({ dialect: 'postgres', url: serverUrl }, { cacheDir: tmpdir() });
  try {
    await benchOn('Postgres server', server);
  } finally {
    await server.close();
  }
}

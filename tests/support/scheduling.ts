// Scheduling fixtures for the contract tests: a small catalog seeded into the tables (no media needed), a
// channel added through the real CLI, a fixed clock, and assertions for the CLI's one-line refusals.
import assert from 'node:assert/strict';
import type { Clock } from '../../src/core/clock.js';
import type { Database } from '../../src/db/open-database.js';
import { advanceHorizons } from '../../src/scheduling/horizon/horizon.js';
import { seedCatalog, type SeededCatalog } from '../scheduling/scheduling-db-fixtures.js';
import { type CliRun, cli, json } from './cli.js';

/** Friday 2025-03-07 10:00 UTC: the channel's programming day (06:00 UTC start) 2025-03-07 is on air. */
export const fridayMs = Date.parse('2025-03-07T10:00:00Z');
export const clockAt = (ms: number): Clock => ({ now: () => ms });
export const friday = clockAt(fridayMs);

/** Runs a command that must succeed (with --json added) and returns its document. */
export async function ok<T = Record<string, unknown>>(database: Database, argv: readonly string[], clock: Clock = friday): Promise<T> {
  const run = await cli([...argv, '--json'], { database, clock });
  assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
  return json<T>(run);
}

/** The run failed with exit 1, printed nothing on stdout and one line on stderr matching `message`. */
export function refusedInOneLine(run: CliRun, message: RegExp): void {
  assert.equal(run.exitCode, 1, `expected exit 1: ${run.stdout}${run.stderr}`);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, message);
}

/** Captain Comet (6 × 22 min), Night Shift (4 × 44 min), two movies (95 and 131 min), bumpers and commercials. */
export async function seedLibrary(database: Database): Promise<SeededCatalog> {
  const episodes = (series: string, count: number, minutes: number) =>
    Array.from({ length: count }, (_, i) => ({ key: `${series} S01E0${i + 1}`, collection: 'Series', seconds: minutes * 60, series, season: 1, episode: i + 1 }));
  return seedCatalog(database.db, ['Series', 'Movies', 'Bumpers', 'Commercials'], [
    ...episodes('Captain Comet', 6, 22),
    ...episodes('Night Shift', 4, 44),
    { key: 'Big Movie', collection: 'Movies', seconds: 131 * 60, kind: 'movie', chaptersAt: [2400, 4800] },
    { key: 'Short Movie', collection: 'Movies', seconds: 95 * 60, kind: 'movie' },
    { key: 'bumper-a', collection: 'Bumpers', seconds: 5, kind: 'bumper' },
    { key: 'bumper-b', collection: 'Bumpers', seconds: 10, kind: 'bumper' },
    { key: 'ad-15', collection: 'Commercials', seconds: 15, kind: 'commercial' },
    { key: 'ad-30', collection: 'Commercials', seconds: 30, kind: 'commercial' },
  ]);
}

/** A UTC channel on a 30-minute grid, day starting 06:00. */
export async function addUtcChannel(database: Database, id = 'retro1', number = '3'): Promise<void> {
  await ok(database, ['channel', 'add', '--id', id, '--name', `Channel ${id}`, '--number', number, '--timezone', 'UTC']);
}

/**
 * A channel with a plan: Captain Comet sequential 06:00–12:00, movies 12:00–18:00 (a series program and a
 * movie program); the rest of the day is avails. Returns the seeded catalog.
 */
export async function addScheduledChannel(database: Database, id = 'retro1', number = '3'): Promise<SeededCatalog> {
  const catalog = await seedLibrary(database);
  await addUtcChannel(database, id, number);
  await ok(database, ['program', 'add', '--name', 'Captain Comet', '--kind', 'series', '--link', 'series:Captain Comet']);
  await ok(database, ['program', 'add', '--name', 'Movies', '--kind', 'movie', '--play-mode', 'shuffle', '--link', 'collection:lib/Movies']);
  await ok(database, ['schedule-plan', 'add', '--channel', id, '--name', 'everyday']);
  await ok(database, ['zone', 'add', '--channel', id, '--plan', 'everyday', '--name', 'morning', '--start', '06:00', '--end', '12:00', '--item', 'program:Captain Comet']);
  await ok(database, ['zone', 'add', '--channel', id, '--plan', 'everyday', '--name', 'afternoon', '--start', '12:00', '--end', '18:00', '--item', 'program:Movies']);
  return catalog;
}

/** Builds the channel's schedule days from the one on air at `nowMs` through `epgDays` after it (no playlog). */
export async function buildDays(database: Database, channelId = 'retro1', epgDays = 1, nowMs = fridayMs): Promise<void> {
  const reports = await advanceHorizons(database.db, { channelIds: [channelId], epgDays, playlogHours: null, nowMs });
  assert.equal(reports[0]?.error, null, reports[0]?.error ?? '');
}

/** Every built day and slot row of the database, for before/after comparisons. */
export async function builtRows(database: Database): Promise<unknown[]> {
  const days = await database.db.selectFrom('schedule_day').selectAll().orderBy('channel_id').orderBy('programming_day').execute();
  const slots = await database.db.selectFrom('schedule_slot').selectAll().orderBy('channel_id').orderBy('start_ms').execute();
  return [...days, ...slots];
}

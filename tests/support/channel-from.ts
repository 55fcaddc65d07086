// Fixtures for `channel add --from … --interstitials … --build` (contracts/channel/add.yaml B-30..B-36,
// D-30..D-33): every row a channel's programming writes, and a small real media library, ingested.
import type { Database } from '../../src/db/open-database.js';
import { addDiscoveredSource, ingest } from './catalog.js';
import { type Library, libraryOf, type LibraryFile } from './media-fixtures.js';

/** Every row `channel add` may write (channel, programs, plans, zones, interstitials, days, playlog), for before/after comparisons. */
export async function programmingRows(database: Database): Promise<Record<string, unknown[]>> {
  const db = database.db;
  return {
    channel: await db.selectFrom('channel').select(['id']).orderBy('id').execute(),
    program: await db.selectFrom('program').select(['name', 'kind', 'play_mode']).orderBy('name').execute(),
    program_link: await db.selectFrom('program_link').select(['program_id', 'kind', 'series', 'collection_id']).orderBy('program_id').execute(),
    schedule_plan: await db.selectFrom('schedule_plan').select(['channel_id', 'name']).orderBy('channel_id').execute(),
    zone: await db.selectFrom('zone').select(['name', 'start_minute', 'end_minute']).orderBy('name').execute(),
    channel_interstitial: await db.selectFrom('channel_interstitial').selectAll().orderBy('channel_id').execute(),
    schedule_day: await db.selectFrom('schedule_day').select(['channel_id', 'programming_day']).orderBy('channel_id').execute(),
    playlog_event: await db.selectFrom('playlog_event').select(['channel_id', 'start_ms']).orderBy('start_ms').limit(5).execute(),
  };
}

const episode = (n: number, demo: string): [string, LibraryFile] => [`Series/Captain Comet/Season 01/Captain Comet - S01E0${n} - Part ${n}.mp4`, { demo }];
const movie = (title: string, demo: string): [string, LibraryFile] => [`Movies/${title}.mkv`, { demo }];

/**
 * Real files (copies of demo media): Captain Comet S01E01–E05 (lib/Series), four movies (lib/Movies), two
 * bumpers (lib/Bumpers) and two commercials (lib/Commercials), discovered as source `lib` and ingested.
 */
export async function ingestedLibrary(database: Database): Promise<Library> {
  const comet = 'Series/Captain Comet/Season 01/Captain Comet - S01E0';
  const library = await libraryOf(Object.fromEntries([
    episode(1, `${comet}1 - Launch Day.mp4`),
    episode(2, `${comet}2 - The Moon Maze.mp4`),
    episode(3, `${comet}3 - Comet Tail.mp4`),
    episode(4, `${comet}1 - Launch Day.mp4`),
    episode(5, `${comet}2 - The Moon Maze.mp4`),
    movie('Alpha (1981)', 'Movies/Night Drive (1987).mkv'),
    movie('Bravo (1982)', 'Movies/Robot Summer (1984).mkv'),
    movie('Charlie (1983)', 'Movies/Night Drive (1987).mkv'),
    movie('Delta (1984)', 'Movies/Robot Summer (1984).mkv'),
    ['Bumpers/Up Next.mov', { demo: 'Bumpers/Up Next.mov' }],
    ['Bumpers/Test Card.mp4', { demo: 'Bumpers/Test Card.mp4' }],
    ['Commercials/Fizz Cola.mp4', { demo: 'Commercials/Fizz Cola.mp4' }],
    ['Commercials/Sunny Cereal.mov', { demo: 'Commercials/Sunny Cereal.mov' }],
  ]));
  await addDiscoveredSource(database, 'lib', library.root);
  for (const collection of ['Series', 'Movies', 'Bumpers', 'Commercials']) await ingest(database, `lib/${collection}`);
  return library;
}

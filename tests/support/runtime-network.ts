// A small playable network for the runtime's end-to-end tests: real clips (made once per machine by
// ffmpeg) as ready Assets, channels whose one plan fills the whole day with them on a five-minute grid.
// Rows go in through the scheduling repositories; schedule days and the playlog are left to the horizon.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.js';
import { insertChannel } from '../../src/scheduling/channel/channel-repository.js';
import { insertProgram } from '../../src/scheduling/library/program-repository.js';
import { insertSchedulePlan, insertZone } from '../../src/scheduling/plans/schedule-plan-repository.js';

const cacheDir = join(tmpdir(), 'retrovue-runtime-clips-v2');

/** The grid of the test channels; their one clip fills exactly one block. */
export const GRID_MINUTES = 5;

/**
 * A 320×240 H.264 + AAC clip a little longer than one grid block (catalogued as exactly one block): two
 * seconds encoded, then looped with `-c copy`, so making it costs well under a second.
 */
export async function blockClip(): Promise<string> {
  const target = join(cacheDir, `block-${GRID_MINUTES}min.mp4`);
  if (existsSync(target)) return target;
  mkdirSync(cacheDir, { recursive: true });
  const seed = `${target}.${process.pid}.seed.mp4`;
  const partial = `${target}.${process.pid}.partial.mp4`;
  await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=2', '-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-c:a', 'aac', '-ac', '2', seed], { stdin: 'ignore' });
  await execa('ffmpeg', ['-v', 'error', '-y', '-stream_loop', String(GRID_MINUTES * 30 + 1), '-i', seed, '-c', 'copy', partial], { stdin: 'ignore' });
  rmSync(seed, { force: true });
  try {
    renameSync(partial, target);
  } catch {
    rmSync(partial, { force: true });
  }
  return target;
}

/**
 * Channels `ids`, each playing `clip` (one ready Asset per channel, so a test may break one channel's
 * file without touching another's) all day, every day. Returns the asset ids by channel.
 */
export async function seedPlayableNetwork(db: Kysely<Schema>, channels: ReadonlyArray<{ readonly id: string; readonly clip: string; readonly scheduled?: boolean }>): Promise<Record<string, string>> {
  const source = await db.insertInto('source').values({ name: 'runtime', type: 'filesystem', config: JSON.stringify({ base_path: cacheDir }) }).returning('id').executeTakeFirstOrThrow();
  const assets: Record<string, string> = {};
  let number = 0;
  for (const { id, clip, scheduled } of channels) {
    await insertChannel(db, {
      id, name: `Channel ${id}`, number: String(++number), grid_block_minutes: GRID_MINUTES, block_start_offsets_minutes: [0], programming_day_start: '00:00', timezone: 'UTC',
    });
    const collection = await db.insertInto('collection').values({ source_id: source.id, external_key: id, name: id, source_path: cacheDir }).returning('id').executeTakeFirstOrThrow();
    const asset = await db.insertInto('asset').values({
      collection_id: collection.id, path: clip, relative_path: `${id}.mp4`, size_bytes: 1000, mtime_ms: 1, state: 'ready', duration_ms: GRID_MINUTES * 60_000,
      kind: 'movie', title: `Feature on ${id}`, chapters: JSON.stringify([]), metadata: JSON.stringify({}),
    }).returning('id').executeTakeFirstOrThrow();
    assets[id] = asset.id;
    if (scheduled === false) continue;
    const program = await insertProgram(db, {
      name: `Features ${id}`, kind: 'movie', playMode: 'sequential', allowBreaks: false,
      assetChain: [{ kind: 'collection', collectionId: collection.id }], description: null, categories: [],
    });
    const plan = await insertSchedulePlan(db, { channelId: id, name: 'all day', daysOfWeek: null, startDate: null, endDate: null, priority: 0 });
    await insertZone(db, plan.id, { name: 'All day', startMinute: 0, endMinute: 1440, daysOfWeek: null, items: [{ kind: 'program', programId: program.id }] });
  }
  return assets;
}

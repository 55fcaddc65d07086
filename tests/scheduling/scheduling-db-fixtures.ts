// Seeds a small catalog and channel straight into the tables (no media needed): what the scheduling
// repositories and the horizon read. Rows obey the catalog's own constraints.
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.js';
import { insertChannel } from '../../src/scheduling/channel/channel-repository.js';

export interface SeedAsset {
  readonly key: string;
  readonly collection: string;
  readonly seconds: number;
  readonly kind?: string;
  readonly series?: string;
  readonly season?: number;
  readonly episode?: number;
  readonly state?: 'ready' | 'missing';
  readonly chaptersAt?: readonly number[];
}

export interface SeededCatalog {
  readonly sourceId: string;
  readonly collections: Readonly<Record<string, string>>;
  readonly assets: Readonly<Record<string, string>>;
}

export async function seedCatalog(db: Kysely<Schema>, collections: readonly string[], assets: readonly SeedAsset[], sourceName = 'lib'): Promise<SeededCatalog> {
  const source = await db.insertInto('source').values({ name: sourceName, type: 'filesystem', config: JSON.stringify({ base_path: `/media/${sourceName}` }) }).returning('id').executeTakeFirstOrThrow();
  const collectionIds: Record<string, string> = {};
  for (const name of collections) {
    const row = await db
      .insertInto('collection')
      .values({ source_id: source.id, external_key: name, name, source_path: `/media/${sourceName}/${name}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    collectionIds[name] = row.id;
  }
  const assetIds: Record<string, string> = {};
  for (const a of assets) {
    const ms = a.seconds * 1000;
    const points = [0, ...(a.chaptersAt ?? []).map((s) => s * 1000), ms];
    const chapters = (a.chaptersAt ?? []).length === 0 ? [] : points.slice(0, -1).map((start, i) => ({ startMs: start, endMs: points[i + 1] as number }));
    const row = await db
      .insertInto('asset')
      .values({
        collection_id: collectionIds[a.collection] as string,
        path: `/media/${sourceName}/${a.collection}/${a.key}.mkv`,
        relative_path: `${a.collection}/${a.key}.mkv`,
        size_bytes: 1000,
        mtime_ms: 1,
        state: a.state ?? 'ready',
        duration_ms: ms,
        kind: a.kind ?? 'episode',
        title: a.key,
        series: a.series ?? null,
        season: a.season ?? null,
        episode: a.episode ?? null,
        chapters: JSON.stringify(chapters),
        metadata: JSON.stringify({ description: `About ${a.key}`, genres: ['Comedy'] }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assetIds[a.key] = row.id;
  }
  return { sourceId: source.id, collections: collectionIds, assets: assetIds };
}

let channelNumbers = 0;

export async function seedChannel(db: Kysely<Schema>, id: string, overrides: { timezone?: string; programmingDayStart?: string; grid?: number; number?: string } = {}): Promise<void> {
  await insertChannel(db, {
    id,
    name: `Channel ${id}`,
    number: overrides.number ?? String(100 + ++channelNumbers),
    grid_block_minutes: overrides.grid ?? 30,
    block_start_offsets_minutes: [0],
    programming_day_start: overrides.programmingDayStart ?? '06:00',
    timezone: overrides.timezone ?? 'America/New_York',
  });
}

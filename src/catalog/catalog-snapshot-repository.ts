// Reads the catalog into the plain snapshot scheduling resolves against (catalog-snapshot.ts): every asset
// and every collection, in one read, so a schedule is resolved against one consistent catalog.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { type CatalogAsset, CatalogSnapshot } from './catalog-snapshot.js';

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value : null;
}

function textsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}

/** Every asset (eligible or not, so references to them are known) and every collection as `<source>/<name>`. */
export async function loadCatalogSnapshot(db: Kysely<Schema>): Promise<CatalogSnapshot> {
  const assets = await db
    .selectFrom('asset')
    .select(['id', 'collection_id', 'path', 'state', 'duration_ms', 'kind', 'title', 'series', 'season', 'episode', 'year', 'tags', 'chapters', 'metadata'])
    .execute();
  const collections = await db
    .selectFrom('collection')
    .innerJoin('source', 'source.id', 'collection.source_id')
    .select(['collection.id', 'collection.name', 'source.name as source'])
    .execute();
  return new CatalogSnapshot(
    assets.map(
      (a): CatalogAsset => ({
        id: a.id,
        collectionId: a.collection_id,
        path: a.path,
        state: a.state,
        durationMs: a.duration_ms === null ? null : Number(a.duration_ms),
        kind: a.kind,
        title: a.title,
        series: a.series,
        season: a.season,
        episode: a.episode,
        year: a.year,
        tags: a.tags,
        chapters: a.chapters.map((c) => ({ startMs: Number(c.startMs), endMs: Number(c.endMs) })),
        description: textOf(a.metadata['description']),
        categories: [...textsOf(a.metadata['genres']), ...textsOf(a.metadata['categories'])],
      }),
    ),
    collections.map((c) => ({ id: c.id, name: `${c.source}/${c.name}` })),
  );
}

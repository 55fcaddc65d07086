// The --json shapes of the catalog nouns (contracts/definitions.yaml: Source, Collection, Asset, Enricher).
import type { AssetRow, AssetState, CollectionRow, EnricherRow, LocalPathMapping, SourceRow } from '../db/schema.js';

export interface SourceJson {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly config: Record<string, unknown>;
  readonly collections: number;
  readonly created_at: string;
  readonly updated_at: string;
}

export type AssetCounts = Record<AssetState, number>;

export interface CollectionJson {
  readonly id: string;
  readonly ref: string;
  readonly source: string;
  readonly name: string;
  readonly external_key: string;
  readonly source_path: string;
  readonly ingest_enabled: boolean;
  readonly local_paths: LocalPathMapping[];
  readonly enrichers: string[];
  readonly assets: AssetCounts;
  readonly created_at: string;
  readonly updated_at: string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function collectionRef(sourceName: string, collectionName: string): string {
  return `${sourceName}/${collectionName}`;
}

export function sourceToJson(row: SourceRow, collections: number): SourceJson {
  return { id: row.id, name: row.name, type: row.type, config: row.config, collections, created_at: iso(row.created_at), updated_at: iso(row.updated_at) };
}

export function collectionToJson(row: CollectionRow, sourceName: string, enrichers: string[], assets: AssetCounts): CollectionJson {
  return {
    id: row.id,
    ref: collectionRef(sourceName, row.name),
    source: sourceName,
    name: row.name,
    external_key: row.external_key,
    source_path: row.source_path,
    ingest_enabled: row.ingest_enabled,
    local_paths: row.local_paths,
    enrichers,
    assets,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export interface ProviderRefJson {
  readonly importer: string;
  readonly external_id: string;
}

export function assetToJson(row: AssetRow, collection: string, providerRef: ProviderRefJson) {
  return {
    id: row.id,
    collection,
    provider_ref: providerRef,
    path: row.path,
    relative_path: row.relative_path,
    state: row.state,
    invalid_reason: row.invalid_reason,
    duration_ms: row.duration_ms === null ? null : Number(row.duration_ms),
    size_bytes: Number(row.size_bytes),
    container: row.container,
    video: row.video
      ? {
          codec: row.video.codec,
          width: row.video.width,
          height: row.video.height,
          frame_rate: row.video.frameRate,
          frame_rate_fraction: row.video.frameRateFraction,
          scan: row.video.scan,
        }
      : null,
    audio: row.audio.map((a) => ({ codec: a.codec, channels: a.channels, sample_rate: a.sampleRate, ...(a.layout ? { layout: a.layout } : {}) })),
    chapters: row.chapters.map((c) => ({ start_ms: c.startMs, end_ms: c.endMs, ...(c.title ? { title: c.title } : {}) })),
    kind: row.kind,
    title: row.title,
    series: row.series,
    season: row.season,
    episode: row.episode,
    year: row.year,
    tags: row.tags,
    approved: row.approved,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export type AssetJson = ReturnType<typeof assetToJson>;

export function enricherToJson(row: EnricherRow, collections: string[]) {
  return { id: row.id, type: row.type, kind: row.kind, config: row.config, collections, created_at: iso(row.created_at), updated_at: iso(row.updated_at) };
}

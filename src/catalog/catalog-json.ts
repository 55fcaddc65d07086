// The --json shapes of the catalog nouns, typed by contracts/definitions.yaml (Source, Collection, Asset,
// Enricher) through the generated contract types: a field the contract does not know fails tsc here.
import type { Asset, Collection, Enricher, Source } from '../../generated/contract-types.js';
import type { AssetRow, CollectionRow, EnricherRow, SourceRow } from '../db/schema.js';
import type { AudioStream, SubtitleTrack } from '../media/media-types.js';
import type { AssetCounts } from './asset-repository.js';
import { collectionRef } from './catalog-ref.js';

const iso = (value: Date | string) => new Date(value).toISOString();

export function sourceToJson(row: SourceRow, collections: number): Source {
  return { id: row.id, name: row.name, type: row.type, config: row.config, collections, created_at: iso(row.created_at), updated_at: iso(row.updated_at) };
}

export function collectionToJson(row: CollectionRow, sourceName: string, enrichers: readonly string[], assets: AssetCounts): Collection {
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

/** What the source curated about the asset, as ingest stored it in its metadata (src/ingest/enrich-item.ts). */
function detailsOf(metadata: Readonly<Record<string, unknown>>): Pick<Asset, 'details'> {
  const text = (key: string) => (typeof metadata[key] === 'string' ? { [key]: metadata[key] as string } : {});
  const genres = Array.isArray(metadata['genres']) ? { genres: (metadata['genres'] as unknown[]).map(String) } : {};
  const artwork = typeof metadata['artwork'] === 'object' && metadata['artwork'] !== null ? { artwork: metadata['artwork'] as Record<string, string> } : {};
  const details = { ...text('summary'), ...genres, ...text('content_rating'), ...artwork, ...text('source_path') };
  return Object.keys(details).length === 0 ? {} : { details };
}

export function assetToJson(row: AssetRow, collection: string, providerRef: Asset['provider_ref']): Asset {
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
          ...(row.video.transfer ? { transfer: row.video.transfer } : {}),
          ...(row.video.pixelFormat ? { pixel_format: row.video.pixelFormat } : {}),
        }
      : null,
    audio: row.audio.map(audioToJson),
    subtitles: row.subtitles.map(subtitleToJson),
    chapters: row.chapters.map((c) => ({ start_ms: c.startMs, end_ms: c.endMs, ...(c.title ? { title: c.title } : {}) })),
    kind: row.kind,
    title: row.title,
    series: row.series,
    season: row.season,
    episode: row.episode,
    year: row.year,
    ...detailsOf(row.metadata),
    tags: row.tags,
    approved: row.approved,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

type AudioJson = Asset['audio'][number];
type SubtitleJson = Asset['subtitles'][number];

function audioToJson(a: AudioStream): AudioJson {
  return {
    codec: a.codec,
    channels: a.channels,
    sample_rate: a.sampleRate,
    ...(a.layout ? { layout: a.layout } : {}),
    ...(a.language ? { language: a.language } : {}),
    default: a.isDefault === true,
    ...(a.title ? { title: a.title } : {}),
    ...(a.loudness ? { loudness: { integrated_lufs: a.loudness.integratedLufs, true_peak_dbtp: a.loudness.truePeakDbtp } } : {}),
  };
}

function subtitleToJson(t: SubtitleTrack): SubtitleJson {
  const source: Pick<SubtitleJson, 'source' | 'index' | 'path'> =
    t.source.kind === 'embedded' ? { source: 'embedded', index: t.source.index } : { source: 'external', path: t.source.path };
  return { ...source, codec: t.codec, format: t.format, ...(t.language ? { language: t.language } : {}), forced: t.forced, default: t.isDefault };
}

export function enricherToJson(row: EnricherRow, collections: readonly string[]): Enricher {
  return { id: row.id, type: row.type, kind: row.kind, config: row.config, collections, created_at: iso(row.created_at), updated_at: iso(row.updated_at) };
}

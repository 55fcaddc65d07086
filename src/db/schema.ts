// Kysely table types: the persisted shape of the DESIGN.md nouns.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AudioStream, Chapter, SubtitleTrack, VideoStream } from '../media/media-types.js';
import type { SidecarFile } from '../media/sidecar-subtitles.js';
import type { SubtitleMode } from '../media/stream-choice.js';
import type { PlayoutTables } from './playout-schema.js';
import type { AsRunTables } from './asrun-schema.js';
import type { SchedulingTables } from './scheduling-schema.js';
import type { TunerTables } from './tuner-schema.js';

/** Read as a Date; optional on insert (the column defaults to now()). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as the parsed value, written as JSON text (pg would turn a JS array into a Postgres array). */
type Json<T> = ColumnType<T, string, string>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export interface ChannelTable {
  id: string;
  name: string;
  number: string;
  grid_block_minutes: number;
  block_start_offsets_minutes: number[];
  programming_day_start: string;
  timezone: string;
  enabled: Generated<boolean>;
  /** The Producer instance that builds the channel's plans; null: the built-in `schedule` producer. */
  producer_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Ordered ISO 639-2 audio language preference (empty: the source's default track). */
  audio_languages: ColumnType<string[], string[] | undefined, string[]>;
  subtitle_mode: ColumnType<SubtitleMode, SubtitleMode | undefined, SubtitleMode>;
  /** Ordered ISO 639-2 subtitle language preference (empty: the audio preference). */
  subtitle_languages: ColumnType<string[], string[] | undefined, string[]>;
  /** The integrated loudness every segment is brought to (null: left as each source has it). */
  loudness_target_lufs: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A channel's logo, stored with the channel (the database is what nodes share). */
export interface ChannelLogoTable {
  channel_id: string;
  content_type: string;
  bytes: Uint8Array;
  sha256: string;
  updated_at: Timestamp;
}

export interface SourceTable {
  id: Generated<string>;
  name: string;
  type: string;
  config: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocalPathMapping {
  readonly remote: string;
  readonly local: string;
}

export interface CollectionTable {
  id: Generated<string>;
  source_id: string;
  /** The importer's stable key of the collection (for filesystem: the path relative to the base, "." for the base). */
  external_key: string;
  name: string;
  /** Where the source says the collection lives (before local_paths mapping). */
  source_path: string;
  ingest_enabled: Generated<boolean>;
  local_paths: JsonWithDefault<LocalPathMapping[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AssetState = 'new' | 'ready' | 'invalid' | 'missing';

export interface AssetTable {
  id: Generated<string>;
  collection_id: string;
  path: string;
  relative_path: string;
  size_bytes: number;
  mtime_ms: number;
  state: AssetState;
  invalid_reason: string | null;
  duration_ms: number | null;
  container: string | null;
  video: ColumnType<VideoStream | null, string | null, string | null>;
  audio: JsonWithDefault<AudioStream[]>;
  subtitles: JsonWithDefault<SubtitleTrack[]>;
  /** The subtitle files beside the asset's file when it was last enriched. */
  sidecars: JsonWithDefault<SidecarFile[]>;
  chapters: JsonWithDefault<Chapter[]>;
  kind: ColumnType<string, string | undefined, string>;
  title: string;
  series: string | null;
  season: number | null;
  episode: number | null;
  year: number | null;
  metadata: JsonWithDefault<Record<string, unknown>>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  approved: Generated<boolean>;
  /** Fields an operator set by hand; re-ingest never overwrites them. */
  operator_fields: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
  enriched_at: NullableTimestamp;
  /** Signature of the enricher chain that last enriched the asset. */
  enriched_with: string | null;
  missing_since: NullableTimestamp;
}

export interface ProviderRefTable {
  asset_id: string;
  source_id: string;
  importer: string;
  external_id: string;
  /** The source's version of the item when last ingested (a media server's updated-at); null for a folder's. */
  external_version: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EnricherTable {
  id: string;
  type: string;
  kind: 'ingest' | 'playout';
  config: JsonWithDefault<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CollectionEnricherTable {
  collection_id: string;
  enricher_id: string;
  position: number;
}

export type ChannelRow = Selectable<ChannelTable>;
export type NewChannelRow = Insertable<ChannelTable>;
export type ChannelRowUpdate = Updateable<ChannelTable>;
export type SourceRow = Selectable<SourceTable>;
export type NewSourceRow = Insertable<SourceTable>;
export type SourceRowUpdate = Updateable<SourceTable>;
export type CollectionRow = Selectable<CollectionTable>;
export type NewCollectionRow = Insertable<CollectionTable>;
export type CollectionRowUpdate = Updateable<CollectionTable>;
export type AssetRow = Selectable<AssetTable>;
export type AssetRowUpdate = Updateable<AssetTable>;
export type EnricherRow = Selectable<EnricherTable>;
export type NewEnricherRow = Insertable<EnricherTable>;

export interface Schema extends SchedulingTables, PlayoutTables, AsRunTables, TunerTables {
  channel: ChannelTable;
  channel_logo: ChannelLogoTable;
  source: SourceTable;
  collection: CollectionTable;
  asset: AssetTable;
  provider_ref: ProviderRefTable;
  enricher: EnricherTable;
  collection_enricher: CollectionEnricherTable;
}


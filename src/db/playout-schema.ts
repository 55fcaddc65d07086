// Kysely table types of the playout tables (migration 0005): Producer instances, the playout enrichers
// attached to a channel, and asset renditions. Instants and sizes are bigint, read as numbers on both dialects.
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export interface ProducerTable {
  id: string;
  type: string;
  config: JsonWithDefault<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChannelEnricherTable {
  channel_id: string;
  enricher_id: string;
  position: number;
}

export interface AssetRenditionTable {
  asset_id: string;
  /** Name of the OutputProfile the rendition is normalised to. */
  profile: string;
  /** The treatment it was made with (src/media/source-treatment.ts treatmentKey). */
  treatment_key: ColumnType<string, string | undefined, string>;
  path: string;
  size_bytes: number;
  duration_ms: number;
  source_size_bytes: number;
  source_mtime_ms: number;
  created_at: Timestamp;
}

export interface PlayoutTables {
  producer: ProducerTable;
  channel_enricher: ChannelEnricherTable;
  asset_rendition: AssetRenditionTable;
}

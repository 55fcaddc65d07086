// Kysely table types of the scheduling tables (migration 0003). Instants are bigint epoch milliseconds
// (read as numbers on both dialects). `date` columns are written as 'YYYY-MM-DD' and must be read through
// to_char (the drivers would turn them into local-midnight Date objects): their read type is `unknown`
// so that nobody reads them raw by accident.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column: write 'YYYY-MM-DD', read with to_char. */
type DateColumn = ColumnType<unknown, string, string>;
type NullableDateColumn = ColumnType<unknown, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type IntArray = ColumnType<number[], number[] | undefined, number[]>;

export interface ProgramTable {
  id: Generated<string>;
  name: string;
  kind: string;
  play_mode: string;
  allow_breaks: Generated<boolean>;
  description: string | null;
  categories: TextArray;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProgramLinkTable {
  program_id: string;
  position: number;
  kind: string;
  asset_id: string | null;
  collection_id: string | null;
  series: string | null;
  season: number | null;
  child_program_id: string | null;
  virtual_asset_id: string | null;
  synthetic_asset_id: string | null;
}

export interface VirtualAssetTable {
  id: Generated<string>;
  name: string;
  collection_id: string | null;
  series: string | null;
  kinds: TextArray;
  tags: TextArray;
  min_duration_ms: number | null;
  max_duration_ms: number | null;
  unplayed: Generated<boolean>;
  pick_order: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SyntheticAssetTable {
  id: Generated<string>;
  name: string;
  kind: string;
  duration_ms: number;
  text: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SchedulePlanTable {
  id: Generated<string>;
  channel_id: string;
  name: string;
  days_of_week: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  start_date: NullableDateColumn;
  end_date: NullableDateColumn;
  priority: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ZoneTable {
  id: Generated<string>;
  plan_id: string;
  name: string;
  start_minute: number;
  end_minute: number;
  days_of_week: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ZoneItemTable {
  zone_id: string;
  position: number;
  kind: string;
  program_id: string | null;
  asset_id: string | null;
  virtual_asset_id: string | null;
  synthetic_asset_id: string | null;
}

export interface ChannelInterstitialTable {
  channel_id: string;
  collection_id: string;
  role: string;
}

export interface ScheduleDayTable {
  channel_id: string;
  programming_day: DateColumn;
  plan_id: string | null;
  seed: string;
  day_start_ms: number;
  day_end_ms: number;
  cover_start_ms: number;
  cover_end_ms: number;
  previous_end_ms: number | null;
  progress: Json<unknown>;
  warnings: Json<string[]>;
  /** Off-air intervals [startMs, endMs] (time no zone covers). */
  off_air: JsonWithDefault<[number, number][]>;
  built_at: Timestamp;
}

export interface ScheduleSlotTable {
  channel_id: string;
  programming_day: DateColumn;
  start_ms: number;
  content_end_ms: number;
  block_end_ms: number;
  zone_name: string;
  origin_kind: string;
  origin_id: string;
  program_id: string | null;
  content_kind: string;
  asset_id: string | null;
  path: string | null;
  break_points_ms: IntArray;
  synthetic_asset_id: string | null;
  synthetic_kind: string | null;
  synthetic_text: string | null;
  allow_breaks: boolean;
  title: string;
  subtitle: string | null;
  description: string | null;
  season: number | null;
  episode: number | null;
  year: number | null;
  categories: TextArray;
}

export interface PlaylogEventTable {
  channel_id: string;
  start_ms: number;
  end_ms: number;
  previous_end_ms: number | null;
  programming_day: DateColumn;
  role: string;
  source_kind: string;
  asset_id: string | null;
  in_point_ms: number | null;
  synthetic_kind: string | null;
  synthetic_text: string | null;
  title: string;
  episode_title: string | null;
  slot_id: string | null;
}

export interface ScheduleHorizonTable {
  channel_id: string;
  schedule_through: NullableDateColumn;
  playlog_through_ms: number | null;
  advanced_at: Timestamp;
}

export interface SchedulingTables {
  program: ProgramTable;
  program_link: ProgramLinkTable;
  virtual_asset: VirtualAssetTable;
  synthetic_asset: SyntheticAssetTable;
  schedule_plan: SchedulePlanTable;
  zone: ZoneTable;
  zone_item: ZoneItemTable;
  channel_interstitial: ChannelInterstitialTable;
  schedule_day: ScheduleDayTable;
  schedule_slot: ScheduleSlotTable;
  playlog_event: PlaylogEventTable;
  schedule_horizon: ScheduleHorizonTable;
}

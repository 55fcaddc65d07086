// Kysely table type of the as-run log (migrations 0006, 0013): what actually aired, written by the runtime;
// `airing` is a segment still on air (its end refreshed while it airs).
import type { ColumnType, Generated } from 'kysely';

export type AsRunStatus = 'airing' | 'aired' | 'truncated' | 'substituted' | 'error';

export interface AsRunTable {
  id: Generated<number>;
  channel_id: string;
  playlog_event_id: string | null;
  asset_id: string | null;
  title: string;
  scheduled_start_ms: number;
  actual_start_ms: number;
  end_ms: number;
  in_point_ms: number;
  status: AsRunStatus;
  reason: string | null;
  /** The node that wrote the row (null: written before migration 0013). */
  node_id: ColumnType<string | null, string | null | undefined, never>;
  recorded_at: Generated<Date>;
}

export interface AsRunTables {
  as_run: AsRunTable;
}

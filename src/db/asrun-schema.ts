// Kysely table type of the as-run log (migration 0006): what actually aired, written by the runtime.
import type { Generated } from 'kysely';

export type AsRunStatus = 'aired' | 'truncated' | 'substituted' | 'error';

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
  recorded_at: Generated<Date>;
}

export interface AsRunTables {
  as_run: AsRunTable;
}

// Kysely table types of what the runtime keeps about itself: the tuner identity (migration 0009) the
// HDHomeRun emulation shows clients, and the nodes sharing the database (migration 0012).
import type { Generated } from 'kysely';

export interface TunerDeviceTable {
  kind: 'hdhomerun';
  /** Eight upper-case hex digits with libhdhomerun's check digit. */
  device_id: string;
  device_auth: string;
  udn: string;
  created_at: Generated<Date>;
}

/** A `runtime serve` node on a shared Postgres (migration 0012). */
export interface RuntimeNodeTable {
  id: string;
  name: string;
  /** The base URL other nodes send a channel's viewers to. */
  url: string;
  /** pg_backend_pid() of the node's lock session: pg_locks names a lock's holder by it. */
  lock_pid: number;
  started_at: Generated<Date>;
  heartbeat_at: Generated<Date>;
}

export interface TunerTables {
  tuner_device: TunerDeviceTable;
  runtime_node: RuntimeNodeTable;
}
